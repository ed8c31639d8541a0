package org.jifen.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jifen.samples.ExportReader.Line;
import org.jifen.samples.SampleFixture.Found;
import org.jifen.samples.SampleGenerator.Summary;
import org.junit.jupiter.api.Test;

/** Reads the generated SMALL sample back and checks it against DOMAIN §3–§5.1 and §8. */
class SampleContentTest {
  private static final Set<String> ITEMS = Set.of("B1", "B2", "B3", "B4", "A5", "A6", "A7", "A8", "A9",
      "V10", "V11", "V12", "V13", "V14", "V15");
  private static final Map<String, Integer> CAPS = Map.of("A5", 3, "A6", 5, "A7", 5, "A8", 5, "A9", 2);

  @Test
  void countsAreInRangeForSmall() throws IOException {
    Summary s = SampleFixture.summary();
    assertTrue(s.orgs() >= 35 && s.orgs() <= 45, "orgs " + s.orgs());
    assertTrue(s.branches() >= 28 && s.branches() <= 32, "branches " + s.branches());
    assertTrue(s.members() >= 250 && s.members() <= 450, "members " + s.members());
    assertTrue(s.files() >= 110 && s.files() <= 130, "files " + s.files());
    assertTrue(s.entries() >= 2000 && s.entries() <= 6000, "entries " + s.entries());
    assertTrue(s.lateExports() >= 4, "late " + s.lateExports());
    assertTrue(s.missingExports() >= 1 && s.missingExports() <= 4, "missing " + s.missingExports());
    assertEquals(s.faults().stream().map(f -> f.period() + "/" + f.file()).distinct().count(), s.faultyFiles());
    long bytes;
    try (Stream<Path> files = Files.walk(SampleFixture.dir())) {
      bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    assertTrue(bytes < 2_000_000, "SMALL must stay well under 2 MB, is " + bytes);
    long written = SampleFixture.inbox().values().stream().mapToLong(List::size).sum();
    assertEquals(s.files(), written);
  }

  @Test
  void faultsCsvListsEveryReasonAndMatchesSummary() throws IOException {
    List<String> lines = Files.readAllLines(SampleFixture.dir().resolve("faults.csv"), StandardCharsets.UTF_8);
    assertEquals("period,file,sheet,row,column,expected_reason", lines.get(0));
    Set<FaultReason> reasons = EnumSet.noneOf(FaultReason.class);
    for (String line : lines.subList(1, lines.size())) {
      String[] p = line.split(",", -1);
      assertEquals(6, p.length, line);
      FaultReason r = FaultReason.valueOf(p[5]);
      reasons.add(r);
      assertEquals(r.wholeFile(), p[3].isEmpty(), line);
      assertEquals(r.wholeFile(), p[2].isEmpty() && p[4].isEmpty(), line);
    }
    assertEquals(EnumSet.allOf(FaultReason.class), reasons);
    assertEquals(SampleFixture.summary().faults().size(), lines.size() - 1);
    long rowFaults = SampleFixture.summary().faults().stream().filter(f -> !f.wholeFile()).count();
    assertTrue(rowFaults <= 30, "keep faulty rows few: " + rowFaults);
  }

  @Test
  void wholeFileFaultsAreWhatTheySay() throws IOException {
    Set<String> tree = orgCodes();
    for (Fault f : SampleFixture.summary().faults()) {
      if (!f.wholeFile()) {
        continue;
      }
      Path p = SampleFixture.dir().resolve("inbox").resolve(f.period()).resolve(f.file());
      assertTrue(Files.exists(p), p.toString());
      switch (f.reason()) {
        case FILE_CORRUPT -> assertThrows(Exception.class, () -> ExportReader.read(p));
        case FILE_ENCRYPTED -> {
          byte[] head = new byte[8];
          try (InputStream in = Files.newInputStream(p)) {
            assertEquals(8, in.read(head));
          }
          assertEquals("d0cf11e0a1b11ae1", hex(head));
          assertTrue(f.file().endsWith(".xlsx"));
        }
        case NO_COVER -> {
          ExportReader.Export e = ExportReader.read(p);
          assertFalse(e.sheetNames().contains(Ledger.COVER));
          assertTrue(e.sheetNames().contains(Ledger.ENTRIES));
        }
        case UNKNOWN_BRANCH -> {
          String code = ExportReader.read(p).cover().get("支部编码");
          assertFalse(tree.contains(code), code);
        }
        case PERIOD_MISMATCH -> {
          ExportReader.Export e = ExportReader.read(p);
          assertEquals("2025", e.cover().get("年度"));
          assertFalse(f.period().endsWith("Q" + e.cover().get("季度")), e.cover().toString());
          assertTrue(tree.contains(e.cover().get("支部编码")));
        }
        default -> throw new AssertionError("not a whole-file reason: " + f);
      }
    }
  }

  @Test
  void everyListedRowFaultIsAtItsRow() {
    Map<String, Found> byFile = new HashMap<>();
    SampleFixture.readable().forEach(x -> byFile.put(x.period() + "/" + x.file(), x));
    Map<String, Map<String, Set<String>>> rosterBranches = rosterBranchesPerQuarter();
    int checked = 0;
    for (Fault f : SampleFixture.summary().faults()) {
      if (f.wholeFile()) {
        continue;
      }
      Found x = byFile.get(f.period() + "/" + f.file());
      assertNotNull(x, f.toString());
      Line line = x.content().sheet(f.sheet()).stream().filter(l -> l.row() == f.row()).findFirst()
          .orElseThrow(() -> new AssertionError("no row for " + f));
      Set<String> roster = rosterCodes(x);
      String item = line.get("项目编码");
      BigDecimal points = ExportReader.number(line.get("分值"));
      switch (f.reason()) {
        case UNKNOWN_ITEM -> assertFalse(ITEMS.contains(item), f.toString());
        case MEMBER_NOT_ON_ROSTER -> assertFalse(roster.contains(line.get("党员编号")), f.toString());
        case POINTS_NOT_NUMBER -> {
          assertNull(points, f.toString());
          assertFalse(line.get("分值").isEmpty());
        }
        case DATE_OUTSIDE_QUARTER -> {
          LocalDate d = ExportReader.date(line.get("日期"));
          assertNotNull(d);
          assertFalse(inQuarter(d, x.quarter()), f.toString());
        }
        case ROSTER_NO_MEMBER_CODE -> {
          assertEquals("", line.get("党员编号"));
          assertFalse(line.get("姓名").isEmpty());
        }
        case DUPLICATE_ROSTER_ROW -> {
          List<Line> rows = x.content().sheet(Ledger.ROSTER);
          Line first = rows.stream().filter(l -> l.get("党员编号").equals(line.get("党员编号"))).findFirst().get();
          assertTrue(first.row() < line.row());
          assertEquals(first.values(), line.values());
        }
        case POINTS_SIGN -> assertTrue(item.startsWith("B") ? points.signum() > 0 : points.signum() < 0, f.toString());
        case POINTS_NOT_ALLOWED -> {
          assertEquals("B2", item);
          assertEquals(0, points.compareTo(BigDecimal.valueOf(-4)));
        }
        case MEMBER_CONFLICT -> assertEquals(2,
            rosterBranches.get(x.period()).get(line.get("党员编号")).size(), f.toString());
        default -> throw new AssertionError(f.toString());
      }
      checked++;
    }
    assertTrue(checked > 10);
  }

  @Test
  void everyEntryOutsideTheFaultListIsValid() {
    int entries = 0;
    for (Found x : SampleFixture.readable()) {
      Map<String, Fault> faults = SampleFixture.rowFaults(x.period(), x.file());
      Set<String> roster = rosterCodes(x);
      for (Line e : x.content().sheet(Ledger.ENTRIES)) {
        if (faults.containsKey(Ledger.ENTRIES + "#" + e.row())) {
          continue;
        }
        String where = x.period() + "/" + x.file() + " row " + e.row() + " " + e.values();
        String item = e.get("项目编码");
        assertTrue(ITEMS.contains(item), where);
        assertTrue(roster.contains(e.get("党员编号")), where);
        assertTrue(inQuarter(ExportReader.date(e.get("日期")), x.quarter()), where);
        assertFalse(e.get("依据").isEmpty(), where);
        assertFalse(e.get("登记人").isEmpty(), where);
        BigDecimal p = ExportReader.number(e.get("分值"));
        if (item.startsWith("V")) {
          assertEquals("", e.get("分值"), where);
          continue;
        }
        assertNotNull(p, where);
        if (item.startsWith("B")) {
          assertTrue(p.signum() < 0, where);
        } else {
          assertTrue(p.signum() > 0 && p.intValue() <= CAPS.get(item), where);
        }
        switch (item) {
          case "B1", "B4" -> assertEquals(-5, p.intValue(), where);
          case "B2" -> assertTrue(p.intValue() == -5 || p.intValue() == -3, where);
          default -> { }
        }
        entries++;
      }
    }
    assertTrue(entries > 2000, "entries " + entries);
  }

  @Test
  void rosterCodesAreUniquePerBranchAndTheConflictSpansTwoBranches() {
    Map<String, Map<String, Set<String>>> perQuarter = rosterBranchesPerQuarter();
    Set<String> conflictCodes = new HashSet<>();
    for (Found x : SampleFixture.readable()) {
      Map<String, Fault> faults = SampleFixture.rowFaults(x.period(), x.file());
      Set<String> seen = new HashSet<>();
      for (Line r : x.content().sheet(Ledger.ROSTER)) {
        Fault f = faults.get(Ledger.ROSTER + "#" + r.row());
        if (f != null && f.reason() != FaultReason.MEMBER_CONFLICT) {
          continue;
        }
        String code = r.get("党员编号");
        assertTrue(code.matches("DY\\d{6}"), code);
        assertTrue(seen.add(code), "duplicate " + code + " in " + x.file());
        if (f != null) {
          conflictCodes.add(x.period() + "/" + code);
        }
      }
    }
    assertEquals(SampleFixture.summary().faults().stream().filter(f -> f.reason() == FaultReason.MEMBER_CONFLICT
        && f.sheet().equals(Ledger.ROSTER)).count(), 2L * conflictCodes.size());
    assertEquals(1, conflictCodes.size());
    // Apart from the planted conflict, nobody is on two branches' rosters in the same quarter.
    perQuarter.forEach((period, byCode) -> byCode.forEach((code, branches) -> {
      if (branches.size() > 1) {
        assertTrue(conflictCodes.contains(period + "/" + code), period + " " + code + " " + branches);
        assertEquals(2, branches.size());
      }
    }));
  }

  @Test
  void memberCodesAreStableAcrossQuarters() {
    Map<String, String> nameByCode = new HashMap<>();
    Map<String, String> birthByCode = new HashMap<>();
    for (Found x : SampleFixture.readable()) {
      for (Line r : x.content().sheet(Ledger.ROSTER)) {
        String code = r.get("党员编号");
        if (code.isEmpty()) {
          continue;
        }
        String prev = nameByCode.putIfAbsent(code, r.get("姓名"));
        assertTrue(prev == null || prev.equals(r.get("姓名")), code);
        String birth = ExportReader.date(r.get("出生日期")).toString();
        String prevBirth = birthByCode.putIfAbsent(code, birth);
        assertTrue(prevBirth == null || prevBirth.equals(birth), code);
        String id = r.get("身份证号");
        if (!id.isEmpty()) {
          assertTrue(id.matches("\\d{17}[\\dX]"), id);
          assertEquals(People.checkDigit(id.substring(0, 17)), id.charAt(17), id);
          assertEquals(birth.replace("-", ""), id.substring(6, 14), id);
          assertEquals(r.get("性别").equals("男"), (id.charAt(16) - '0') % 2 == 1, id);
        }
        String standing = r.get("党员身份");
        assertTrue(Set.of("正式党员", "预备党员", "入党积极分子").contains(standing), standing);
        assertEquals(standing.equals("入党积极分子"), r.get("入党日期").isEmpty(), code);
        assertTrue(Set.of("在职", "离退休", "流动", "农村", "社区", "学生").contains(r.get("党员类别")));
        boolean exempt = r.get("参加积分管理").equals("否");
        assertEquals(exempt, !r.get("未参加原因").isEmpty(), code);
      }
    }
  }

  @Test
  void scoresLookLikeARealDistrict() {
    Map<String, Integer> grades = new TreeMap<>();
    int exempt = 0;
    int people = 0;
    for (Found x : accepted()) {
      Map<String, Fault> faults = SampleFixture.rowFaults(x.period(), x.file());
      Map<String, List<Line>> entries = x.content().sheet(Ledger.ENTRIES).stream()
          .filter(e -> !faults.containsKey(Ledger.ENTRIES + "#" + e.row()))
          .collect(Collectors.groupingBy(e -> e.get("党员编号")));
      boolean favour = isFavour(x.branchFromName());
      for (Line r : x.content().sheet(Ledger.ROSTER)) {
        if (faults.containsKey(Ledger.ROSTER + "#" + r.row()) || r.get("党员身份").equals("入党积极分子")) {
          continue;
        }
        people++;
        if (r.get("参加积分管理").equals("否")) {
          exempt++;
          continue;
        }
        int score = score(entries.getOrDefault(r.get("党员编号"), List.of()));
        if (favour) {
          assertEquals(100, score, x.file() + " " + r.get("党员编号"));
        }
        grades.merge(score >= 90 ? "优秀" : score >= 80 ? "良好" : score >= 60 ? "合格" : "不合格", 1, Integer::sum);
      }
    }
    int total = grades.values().stream().mapToInt(Integer::intValue).sum();
    double good = (grades.getOrDefault("优秀", 0) + grades.getOrDefault("良好", 0)) / (double) total;
    assertTrue(good > 0.75, "most members are 良好/优秀: " + grades);
    assertTrue(grades.getOrDefault("合格", 0) > total / 30, "some are 合格: " + grades);
    int failed = grades.getOrDefault("不合格", 0);
    assertTrue(failed >= 1 && failed <= 10, "a handful are 不合格: " + grades);
    double exemptShare = exempt / (double) people;
    assertTrue(exemptShare > 0.04 && exemptShare < 0.10, "exempt share " + exemptShare);
  }

  @Test
  void actionsAndEvaluationArePresent() {
    Set<String> types = new HashSet<>();
    Set<String> evalGrades = new HashSet<>();
    for (Found x : SampleFixture.readable()) {
      x.content().sheet(Ledger.ACTIONS).forEach(a -> types.add(a.get("处置类型")));
      boolean q4 = x.quarter() == 4;
      assertEquals(q4, x.content().sheets().containsKey(Ledger.EVALUATION), x.file());
      x.content().sheet(Ledger.EVALUATION).forEach(e -> {
        evalGrades.add(e.get("评议等次"));
        BigDecimal score = ExportReader.number(e.get("评议得分"));
        assertTrue(score == null || (score.intValue() >= 0 && score.intValue() <= 100));
      });
      for (String label : List.of("支部编码", "支部名称", "上级党组织", "年度", "季度", "填表人", "填表日期")) {
        assertFalse(x.content().cover().getOrDefault(label, "").isEmpty(), x.file() + " " + label);
      }
    }
    assertEquals(Set.of("告诫提醒", "帮教整改", "组织处理"), types);
    assertTrue(evalGrades.containsAll(Set.of("优秀", "合格", "基本合格", "不合格")), evalGrades.toString());
  }

  @Test
  void receivedTimesDeadlinesAndTheAppeal() throws IOException {
    List<String> lines = Files.readAllLines(SampleFixture.dir().resolve("inbox/received.csv"), StandardCharsets.UTF_8);
    assertEquals("period,file,received_at", lines.get(0));
    Map<String, OffsetDateTime> received = new HashMap<>();
    int late = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] p = line.split(",");
      assertTrue(p[2].endsWith("+08:00"), line);
      OffsetDateTime at = OffsetDateTime.parse(p[2]);
      received.put(p[0] + "/" + p[1], at);
      int q = p[0].charAt(5) - '0';
      Path file = SampleFixture.dir().resolve("inbox").resolve(p[0]).resolve(p[1]);
      assertEquals(at.toInstant(), Files.getLastModifiedTime(file).toInstant(), line);
      assertTrue(at.isAfter(Periods.end(q).atStartOfDay().atOffset(Periods.CHINA)), line);
      if (at.isAfter(Periods.deadline(q)) && !p[1].contains("_v2")) {
        late++;
      }
    }
    assertEquals(SampleFixture.summary().files(), received.size());
    assertEquals(SampleFixture.summary().lateExports(), late);
    assertEquals("2025-04-10T23:59:59+08:00", SampleGenerator.ISO_SECONDS.format(Periods.deadline(1)));

    List<Found> v2 = SampleFixture.readable().stream().filter(x -> x.file().contains("_v2")).toList();
    assertEquals(1, v2.size());
    Found corrected = v2.get(0);
    assertEquals(2, corrected.version());
    Found original = SampleFixture.readable().stream()
        .filter(x -> x.file().equals(corrected.file().replace("_v2", ""))).findFirst().orElseThrow();
    assertEquals(1, original.version());
    assertEquals("2025Q2", corrected.period());
    assertTrue(received.get("2025Q2/" + corrected.file()).isAfter(received.get("2025Q2/" + original.file())));
    List<Map<String, String>> before = original.content().sheet(Ledger.ENTRIES).stream().map(Line::values).toList();
    List<Map<String, String>> after = corrected.content().sheet(Ledger.ENTRIES).stream().map(Line::values).toList();
    assertEquals(original.content().sheet(Ledger.ROSTER).stream().map(Line::values).toList(),
        corrected.content().sheet(Ledger.ROSTER).stream().map(Line::values).toList());
    assertEquals(before.size() - 1, after.size());
    List<Map<String, String>> removed = new ArrayList<>(before);
    after.forEach(removed::remove);
    assertEquals(1, removed.size());
    assertTrue(removed.get(0).get("项目编码").startsWith("B"), removed.toString());
  }

  @Test
  void formatsAndVariationsAreAllThere() {
    Map<String, Integer> kinds = new TreeMap<>();
    for (List<Path> period : SampleFixture.inbox().values()) {
      for (Path p : period) {
        String n = p.getFileName().toString();
        String kind = n.endsWith(".xlsx") ? "xlsx" : n.endsWith(".zip") ? "zip" : "folder";
        kinds.merge(kind, 1, Integer::sum);
      }
    }
    assertTrue(kinds.get("xlsx") > kinds.get("folder") && kinds.get("folder") >= 8 && kinds.get("zip") >= 8,
        kinds.toString());
    Set<String> dateForms = new HashSet<>();
    boolean reordered = false;
    boolean selfScores = false;
    for (Found x : SampleFixture.readable()) {
      for (Line e : x.content().sheet(Ledger.ENTRIES)) {
        String d = e.get("日期");
        dateForms.add(d.contains("年") ? "chinese" : d.contains("/") ? "slash" : "iso");
      }
      List<String> header = new ArrayList<>(x.content().sheet(Ledger.ROSTER).get(0).values().keySet());
      reordered |= !header.get(0).equals("党员编号") && !header.get(0).equals("序号");
      selfScores |= x.content().sheet(Ledger.ENTRIES).stream().anyMatch(e -> e.values().containsKey("自评分"));
    }
    assertEquals(Set.of("chinese", "slash", "iso"), dateForms);
    assertTrue(reordered);
    assertTrue(selfScores);
  }

  @Test
  void xlsxCellsHaveRealWorldShapes() throws IOException {
    boolean dateCells = false;
    boolean textDates = false;
    boolean textNumbers = false;
    boolean merged = false;
    boolean formulas = false;
    for (List<Path> period : SampleFixture.inbox().values()) {
      for (Path p : period) {
        if (!p.toString().endsWith(".xlsx") || SampleFixture.rejectedFiles().contains(
            p.getParent().getFileName() + "/" + p.getFileName())) {
          continue;
        }
        try (InputStream in = Files.newInputStream(p); XSSFWorkbook wb = new XSSFWorkbook(in)) {
          var sheet = wb.getSheet(Ledger.ENTRIES);
          merged |= sheet.getNumMergedRegions() > 0;
          for (Row row : sheet) {
            for (var c : row) {
              switch (c.getCellType()) {
                case NUMERIC -> dateCells |= org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(c);
                case STRING -> {
                  String s = c.getStringCellValue();
                  textDates |= ExportReader.date(s) != null;
                  textNumbers |= s.matches("-?\\d");
                }
                case FORMULA -> formulas = true;
                default -> { }
              }
            }
          }
        }
      }
    }
    assertTrue(dateCells && textDates && textNumbers && merged && formulas,
        List.of(dateCells, textDates, textNumbers, merged, formulas).toString());
  }

  @Test
  void workbooksStreamWithJavaUtilZip() throws IOException {
    for (List<Path> period : SampleFixture.inbox().values()) {
      for (Path p : period) {
        String key = p.getParent().getFileName() + "/" + p.getFileName();
        if (!p.toString().endsWith(".xlsx") || SampleFixture.rejectedFiles().contains(key)) {
          continue;
        }
        int entries = 0;
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(p))) {
          while (zip.getNextEntry() != null) {
            zip.readAllBytes();
            entries++;
          }
        }
        assertTrue(entries >= 8, key);
      }
    }
  }

  @Test
  void orgTreeHasTheShapeOfADistrict() throws IOException {
    try (InputStream in = Files.newInputStream(SampleFixture.dir().resolve("orgs.xlsx"));
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      var sheet = wb.getSheetAt(0);
      List<String> header = new ArrayList<>();
      sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
      assertEquals(List.of("组织编码", "组织名称", "上级组织编码", "组织层级", "领域", "状态", "负责人"), header);
      Map<String, String> parent = new HashMap<>();
      Map<String, Integer> levels = new TreeMap<>();
      int dissolved = 0;
      for (int i = 1; i <= sheet.getLastRowNum(); i++) {
        Row r = sheet.getRow(i);
        String code = r.getCell(0).getStringCellValue();
        parent.put(code, r.getCell(2) == null ? "" : r.getCell(2).getStringCellValue());
        levels.merge(r.getCell(3).getStringCellValue(), 1, Integer::sum);
        dissolved += r.getCell(5).getStringCellValue().equals("撤销") ? 1 : 0;
        assertTrue(Set.of("机关", "社区", "学校", "两新", "农村", "国企").contains(r.getCell(4).getStringCellValue()));
      }
      assertEquals("", parent.get("QS"));
      parent.forEach((code, p) -> assertTrue(p.isEmpty() || parent.containsKey(p), code));
      assertEquals(1, levels.get("区委"));
      assertEquals(4, levels.getOrDefault("党委", 0) + levels.getOrDefault("工委", 0));
      assertTrue(levels.get("党总支") >= 1);
      assertEquals(2, dissolved);
      assertTrue(parent.keySet().stream().anyMatch(c -> c.matches("QS\\d{2}Z\\dB\\d{2}")));
    }
  }

  // -----------------------------------------------------------------------------------------------

  static int score(List<Line> entries) {
    Map<String, Integer> sums = new HashMap<>();
    for (Line e : entries) {
      if (e.get("项目编码").startsWith("V")) {
        return 0;
      }
      sums.merge(e.get("项目编码"), ExportReader.number(e.get("分值")).intValue(), Integer::sum);
    }
    int total = 0;
    for (String b : List.of("B1", "B2", "B3", "B4")) {
      total += Math.max(0, 20 + sums.getOrDefault(b, 0));
    }
    for (Map.Entry<String, Integer> c : CAPS.entrySet()) {
      total += Math.min(c.getValue(), sums.getOrDefault(c.getKey(), 0));
    }
    return total;
  }

  private static List<Found> accepted;

  /** The accepted export per branch and quarter: no whole-file fault, highest 版本. */
  static synchronized List<Found> accepted() {
    if (accepted != null) {
      return accepted;
    }
    Map<String, Found> best = new TreeMap<>();
    Set<String> tree = orgCodesUnchecked();
    for (Found x : SampleFixture.readable()) {
      String branch = x.content().cover().get("支部编码");
      if (!tree.contains(branch)) {
        continue;
      }
      best.merge(x.period() + "/" + branch, x, (a, b) -> a.version() >= b.version() ? a : b);
    }
    accepted = List.copyOf(best.values());
    return accepted;
  }

  private static boolean isFavour(String branch) {
    List<Found> all = accepted().stream().filter(x -> x.branchFromName().equals(branch)).toList();
    return all.stream().allMatch(x -> x.content().sheet(Ledger.ENTRIES).stream()
        .noneMatch(e -> e.get("项目编码").startsWith("B"))
        && x.content().sheet(Ledger.ENTRIES).stream().filter(e -> e.get("项目编码").equals("A6")).count()
            == x.content().sheet(Ledger.ROSTER).stream().filter(r -> r.get("参加积分管理").equals("是")).count());
  }

  @Test
  void oneBranchGivesFavourPointsEveryQuarter() {
    Set<String> favour = new HashSet<>();
    for (Found x : accepted()) {
      if (isFavour(x.branchFromName())) {
        favour.add(x.branchFromName());
      }
    }
    assertEquals(1, favour.size(), favour.toString());
    String branch = favour.iterator().next();
    assertEquals(4, accepted().stream().filter(x -> x.branchFromName().equals(branch)).count());
  }

  private static boolean inQuarter(LocalDate d, int q) {
    return d != null && !d.isBefore(Periods.start(q)) && !d.isAfter(Periods.end(q));
  }

  private static Set<String> rosterCodes(Found x) {
    return x.content().sheet(Ledger.ROSTER).stream().map(l -> l.get("党员编号")).filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }

  /** period → member code → branch codes whose roster lists the member (accepted-shape exports). */
  private static Map<String, Map<String, Set<String>>> rosterBranchesPerQuarter() {
    Map<String, Map<String, Set<String>>> result = new TreeMap<>();
    for (Found x : SampleFixture.readable()) {
      if (x.file().contains("_v2")) {
        continue;
      }
      String branch = x.content().cover().get("支部编码");
      for (Line r : x.content().sheet(Ledger.ROSTER)) {
        result.computeIfAbsent(x.period(), k -> new TreeMap<>())
            .computeIfAbsent(r.get("党员编号"), k -> new HashSet<>()).add(branch);
      }
    }
    result.values().forEach(m -> m.remove(""));
    return result;
  }

  private static Set<String> orgCodes() throws IOException {
    Set<String> codes = new HashSet<>();
    try (InputStream in = Files.newInputStream(SampleFixture.dir().resolve("orgs.xlsx"));
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      var sheet = wb.getSheetAt(0);
      for (int i = 1; i <= sheet.getLastRowNum(); i++) {
        codes.add(sheet.getRow(i).getCell(0).getStringCellValue());
      }
    }
    return codes;
  }

  private static Set<String> orgCodesUnchecked() {
    try {
      return orgCodes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }
}
