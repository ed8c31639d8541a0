package org.jifen.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.jifen.cli.ExitCodes;
import org.jifen.cli.SchemesCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SchemesCommandTest {
  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new SchemesCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return new Result(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void validateReportsEachFile() {
    String dir = "src/test/resources/fixtures/schemes/";
    Result r = run("validate", dir + "valid.yaml", dir + "bands_gap.yaml");
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.out().startsWith("OK " + dir + "valid.yaml: scheme fixture"), r.out());
    assertTrue(r.err().contains(dir + "bands_gap.yaml:37:31: grade bands leave 80–89 unassigned"), r.err());
    assertEquals(ExitCodes.OK, run("validate", "district-100", "vanguard-8-2", "branch-80-20").code());
  }

  @Test
  void showExplainsTheRulesInChineseAndEnglish() {
    Result r = run("show", "district-100");
    assertEquals(ExitCodes.OK, r.code(), r.err());
    String o = r.out();
    for (String s : new String[] {
        "方案 Scheme: district-100",
        "B2        执行纪律合格 — 基础分扣分 base, 分值 negative, only -5 or -3",
        "A5        合理化建议被采纳 — 加分 bonus, 分值 positive, capped at 3/季度 quarter per item",
        "base 基础分: each of B1–B4 starts at 20, never below 0",
        "veto 一票否决 (V10–V15): acts on the quarter and the year: score 0, grade 不合格 whatever the score",
        "年度得分 Annual score (年度得分): mean of the exact quarter scores",
        "等次 Grades: 优秀 ≥90, 良好 ≥80, 合格 ≥60, 不合格 ≥0"}) {
      assertTrue(o.contains(s), () -> "missing «" + s + "» in\n" + o);
    }
    String v = run("show", "vanguard-8-2").out();
    assertTrue(v.contains("D01–D99   日常考核扣分 — 扣分 deduction, 分值 negative"), v);
    assertTrue(v.contains("0.8 × daily + 0.2 × evaluation + rewards + penalties, kept within 0–110"), v);
    assertTrue(v.contains("名额 Quota: 优秀 for at most ⌊15% × graded members⌋"), v);
    assertTrue(v.contains("基本合格 in 2 consecutive years"), v);
    String b = run("show", "branch-80-20").out();
    assertTrue(b.contains("(daily) × 100/80, kept within 0–100"), b);
    assertTrue(b.contains("quarter rows only carry the flag"), b);
    assertEquals(ExitCodes.USAGE, run("show", "nope").code());
  }
}
