package org.jifen.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jifen.history.MemberHistories;
import org.jifen.reports.MemberHistory;
import org.jifen.reports.MemberHistoryWorkbook;
import org.jifen.reports.PackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jifen history}: one member's year for an appeal (申诉), from the restricted layer.
 *
 * <p>Usage: {@code jifen history --member DY686878 [--year 2025] [--xlsx DY686878_2025.xlsx]}.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = {"One member's points history for an appeal (申诉): every quarter's branch, standing, participation, "
        + "score, grade, rank and components; every ledger version that carried the member, when it was received and "
        + "what changed for the member between versions (entries added, removed, points or 依据 changed); the "
        + "member's entries; the annual result with the quota and disposal decisions explained (rank in the branch, "
        + "the quota size, the rule of the ranking that decided).",
        "For authorised staff only: it reads the restricted layer (silver, bronze) and shows the member's name; it never "
            + "shows a national ID. Read-only: it does not wait for or block a writer.",
        "A terminal report by default; --xlsx writes the appeal file (Chinese) instead."})
public final class HistoryCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--member", required = true, paramLabel = "CODE", description = "党员编号 of the member.")
  String member;

  @Option(names = "--year", paramLabel = "YYYY",
      description = "Points year. Default: the latest year the member is on an accepted roster.")
  Integer year;

  @Option(names = "--xlsx", paramLabel = "FILE", description = "Write the appeal file (xlsx) here instead of printing.")
  Path xlsx;

  @Spec CommandSpec spec;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(PackOptions.DEFAULT_ZONE);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (year != null && (year < 1900 || year > 9999)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--year: '" + year + "' is not a year");
    }
    MemberHistory h;
    try (org.jifen.read.WarehouseSql sql = org.jifen.read.WarehouseSql.open(common.warehouse(), common::spark, null,
        MemberHistories.TABLES)) {
      int y = year != null ? year : MemberHistories.latestYear(sql, common.warehouse(), member);
      h = MemberHistories.read(sql, common.warehouse(), member, y);
    }
    if (xlsx != null) {
      MemberHistoryWorkbook.write(h, PackOptions.of(BuildInfo.version()), xlsx);
      out.println("Wrote the appeal file of " + h.memberCode() + " for " + h.year() + " to " + xlsx.toAbsolutePath()
          + " (sheets " + MemberHistoryWorkbook.SHEET_OVERVIEW + ", " + MemberHistoryWorkbook.SHEET_VERSIONS + ", "
          + MemberHistoryWorkbook.SHEET_ENTRIES + "): it names the member; for authorised staff only.");
      out.flush();
      return ExitCodes.OK;
    }
    print(out, h);
    return ExitCodes.OK;
  }

  /** The terminal report. */
  static void print(PrintWriter out, MemberHistory h) {
    out.println("Member history " + h.memberCode() + (h.name() == null ? "" : " " + h.name()) + ", " + h.year()
        + (h.schemeId() == null ? " (not scored yet)" : ", scheme " + h.schemeId()
            + (h.schemeName() == null ? "" : " " + h.schemeName())));
    out.println("Restricted: names come from the restricted layer; for authorised appeal handling only. "
        + "No national ID is shown.");

    out.println("\nQuarters");
    List<String> heads = new ArrayList<>(List.of("季度", "党支部", "党员身份", "积分管理", "状态", "得分", "等次", "支部内排名"));
    heads.addAll(h.componentNames());
    heads.addAll(List.of("标记", "说明"));
    TextTable q = new TextTable(heads.toArray(String[]::new));
    for (MemberHistory.Quarter r : h.quarters()) {
      List<Object> row = new ArrayList<>(List.of(r.period(), nz(r.branchCode()), nz(r.standing()), nz(r.participation()),
          nz(r.status()), plain(r.score()), nz(r.grade()), r.rankInBranch() == null ? ""
              : r.rankInBranch() + (r.gradedInBranch() == null ? "" : "/" + r.gradedInBranch())));
      for (int i = 0; i < h.componentNames().size(); i++) {
        row.add(i < r.components().size() ? plain(r.components().get(i)) : "");
      }
      row.add(nz(r.flags()));
      row.add(nz(r.note()));
      q.row(row.toArray());
    }
    q.print(out);

    out.println("\nLedger versions (every accepted version of the member's ledgers)");
    TextTable v = new TextTable("季度", "党支部", "版本", "文件", "接收时间", "状态", "在名册", "本人明细", "与上一版本相比");
    for (MemberHistory.LedgerVersion r : h.versions()) {
      v.row(r.period(), r.branchCode(), r.version(), r.sourceFile(), r.receivedAt() == null ? "" : TIME.format(r.receivedAt()),
          r.current() ? "当前有效" : "已被替代", r.onRoster() ? "是" : "否", r.entries(), r.change());
    }
    v.printOrNone(out);

    out.println("\nChanges between versions (this member's entries)");
    TextTable c = new TextTable("季度", "党支部", "版本", "变化", "日期", "项目", "原分值", "新分值", "原依据", "新依据");
    for (MemberHistory.EntryChange r : h.changes()) {
      c.row(r.period(), r.branchCode(), r.fromVersion() + "→" + r.toVersion(), r.kind(), nz(r.date()),
          nz(r.itemCode()) + (r.itemName() == null ? "" : " " + r.itemName()), nz(r.pointsBefore()),
          nz(r.pointsAfter()), nz(r.basisBefore()), nz(r.basisAfter()));
    }
    c.printOrNone(out);

    out.println("\nEntries in the current ledgers");
    TextTable e = new TextTable("季度", "日期", "项目", "分值", "依据", "来源");
    for (MemberHistory.Entry r : h.entries()) {
      e.row(r.period(), r.date() == null ? "" : r.date().toString(),
          r.itemCode() + (r.itemName() == null ? "" : " " + r.itemName()), plain(r.points()), nz(r.basis()),
          r.sourceFile() + " #" + r.row());
    }
    e.printOrNone(out);

    MemberHistory.Annual a = h.annual();
    out.println("\nAnnual result " + h.year());
    if (a == null) {
      out.println("  none");
    } else {
      TextTable t = new TextTable("项目", "内容");
      t.row("年度所在党支部", a.branchCode() + (a.branchName() == null ? "" : " " + a.branchName()));
      t.row("党员身份", nz(a.standing()));
      t.row("状态", a.status() + "（计入" + a.quartersCounted() + "个季度）");
      for (int i = 0; i < h.componentNames().size() && i < a.components().size(); i++) {
        if (a.components().get(i) != null) {
          t.row(h.componentNames().get(i), plain(a.components().get(i)));
        }
      }
      t.row("年度得分", plain(a.score()));
      t.row("按得分应得等次", nz(a.preGrade()));
      t.row("最终等次", nz(a.grade()) + (a.quotaLimited() ? "（受名额限制）" : ""));
      t.row("支部内排名", a.rankInBranch() == null ? "" : a.rankInBranch() + "/" + a.gradedInBranch());
      if (a.quotaSize() != null) {
        t.row("名额", a.quotaSize() + "名（参与名额计算" + a.quotaN() + "名）"
            + (a.quotaRank() == null ? "" : "，本人在名额等次分数段中排第" + a.quotaRank() + "名"));
      }
      t.row("不合格党员处置", a.disposal() ? "列入处置名单" : "未列入");
      t.print(out);
      out.println("Explanation");
      int n = 1;
      for (String line : a.explanation()) {
        out.println("  " + n++ + ". " + line);
      }
    }
    if (!h.notes().isEmpty()) {
      out.println("\nNotes");
      h.notes().forEach(note -> out.println("  - " + note));
    }
    out.flush();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String plain(BigDecimal v) {
    return v == null ? "" : v.toPlainString();
  }
}
