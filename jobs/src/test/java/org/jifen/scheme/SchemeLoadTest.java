package org.jifen.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemeLoadTest {
  private static Map<String, ItemRule> rules(Scheme s) {
    return s.itemRules().stream().collect(Collectors.toMap(ItemRule::code, Function.identity()));
  }

  private static List<BigDecimal> pts(int... v) {
    return java.util.Arrays.stream(v).mapToObj(BigDecimal::valueOf).toList();
  }

  @Test
  void district100ItemRulesFollowDomain() {
    Scheme s = Schemes.load("district-100");
    assertEquals("district-100", s.id());
    Map<String, ItemRule> r = rules(s);
    assertEquals(15, r.size());
    assertEquals(new ItemRule("B1", "政治合格", "base", -1, pts(-5)), r.get("B1"));
    assertEquals(pts(-5, -3), r.get("B2").fixedPoints());
    assertEquals(List.of(), r.get("B3").fixedPoints());
    assertEquals(-1, r.get("B3").sign());
    assertEquals(pts(-5), r.get("B4").fixedPoints());
    assertEquals(+1, r.get("A5").sign());
    assertEquals(0, r.get("V15").sign());
    assertFalse(r.get("V10").carriesPoints());
    assertEquals(Set.of(), s.evaluationGrades());
    assertEquals(List.of("优秀", "良好", "合格", "不合格"), s.gradeOrder());
    assertTrue(s.annualEvaluation().isEmpty());
  }

  @Test
  void vanguardExpandsRangesAndMapsEvaluation() {
    Scheme s = Schemes.load("vanguard-8-2");
    Map<String, ItemRule> r = rules(s);
    assertEquals(99 * 3 + 2, r.size());
    assertEquals(-1, r.get("D01").sign());
    assertEquals(-1, r.get("D99").sign());
    assertEquals(+1, r.get("R42").sign());
    assertEquals(-1, r.get("P07").sign());
    assertEquals("hard_fail", r.get("X02").kind());
    assertEquals(0, r.get("X01").sign());
    assertEquals(List.of("优秀", "合格", "基本合格", "不合格"), List.copyOf(s.evaluationGrades()));
    assertEquals(List.of("优秀", "合格", "基本合格", "不合格"), s.gradeOrder());
    assertEquals(new BigDecimal("0.8"), s.annualFormula().weighted().get("daily"));
    assertEquals(15, s.quota().orElseThrow().percent().intValue());
    assertEquals(99, s.quota().orElseThrow().tieBreakItems().size());
    assertEquals("基本合格", s.disposal().consecutiveGrade());
  }

  @Test
  void branch8020FixedDeductions() {
    Scheme s = Schemes.load("branch-80-20");
    Map<String, ItemRule> r = rules(s);
    assertEquals(pts(-1), r.get("N01").fixedPoints());
    assertEquals(pts(-2), r.get("N02").fixedPoints());
    assertEquals(pts(-5), r.get("N03").fixedPoints());
    assertEquals(pts(-20), r.get("N04").fixedPoints());
    assertEquals(pts(-5), r.get("N05").fixedPoints());
    assertEquals("zeroing", r.get("Z01").kind());
    assertEquals(0, r.get("Z02").sign());
    assertEquals(new BigDecimal("1.25"), s.quarterFormula().scale());
    assertEquals(Set.of("优秀", "合格", "基本合格", "不合格"), s.evaluationGrades());
  }

  @Test
  void contentHashIsSha256OfTheFileBytes(@TempDir Path dir) throws Exception {
    byte[] bytes;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemes/branch-80-20.yaml")) {
      bytes = in.readAllBytes();
    }
    Scheme byId = Schemes.load("branch-80-20");
    assertEquals(SchemeParser.sha256(bytes), byId.contentHash());
    assertEquals(64, byId.contentHash().length());
    Path copy = dir.resolve("mine.yaml");
    Files.write(copy, bytes);
    Scheme byPath = Schemes.load(copy.toString());
    assertEquals(byId.contentHash(), byPath.contentHash());
    assertEquals(copy.toString(), byPath.source());
    Files.write(copy, (new String(bytes, "UTF-8") + "\n# a comment changes the hash\n").getBytes("UTF-8"));
    assertFalse(byId.contentHash().equals(Schemes.load(copy.toString()).contentHash()));
  }

  @Test
  void aFourthSchemeRecombinesTheBuildingBlocks() {
    Scheme s = Schemes.load("src/test/resources/fixtures/schemes/fourth_scheme_recombined.yaml");
    assertEquals("committee-60-20-20", s.id());
    assertEquals(List.of("优秀", "良好", "合格", "基本合格", "不合格"), s.gradeOrder());
    assertEquals(Set.of("优秀", "良好", "合格", "基本合格", "不合格"), s.evaluationGrades());
    assertEquals(3 + 20 + 2, s.itemRules().size());
    assertEquals("良好", s.quota().orElseThrow().demoteTo());
    assertTrue(s.annualEvaluation().isPresent());
  }

  @Test
  void unknownIdNamesTheBuiltIns() {
    SchemeException e = assertThrows(SchemeException.class, () -> Schemes.load("no-such-scheme"));
    assertTrue(e.getMessage().contains("district-100"), e.getMessage());
  }
}
