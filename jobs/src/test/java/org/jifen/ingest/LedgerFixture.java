package org.jifen.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Builds small branch ledgers for tests, written as xlsx, a CSV folder or a zip of CSVs, named
 * after the test case. Values are written as text cells (the reader's own tests cover cell types).
 */
final class LedgerFixture {
  static final List<String> ROSTER_HEADER = List.of("党员编号", "姓名", "身份证号", "性别", "出生日期", "入党日期",
      "党员身份", "党员类别", "参加积分管理", "未参加原因", "党小组");
  static final List<String> ENTRY_HEADER = List.of("日期", "党员编号", "姓名", "项目编码", "分值", "依据", "登记人");
  static final List<String> EVAL_HEADER = List.of("党员编号", "姓名", "评议等次", "评议得分");
  static final List<String> ACTION_HEADER = List.of("党员编号", "姓名", "日期", "处置类型", "说明");

  private final Map<String, String> cover = new LinkedHashMap<>();
  private final List<List<String>> roster = new ArrayList<>();
  private final List<List<String>> entries = new ArrayList<>();
  private final List<List<String>> evaluations = new ArrayList<>();
  private final List<List<String>> actions = new ArrayList<>();
  private final Map<String, List<List<String>>> extraSheets = new LinkedHashMap<>();
  private boolean withCover = true;

  static LedgerFixture branch(String code, int year, int quarter) {
    LedgerFixture f = new LedgerFixture();
    f.cover.put("支部编码", code);
    f.cover.put("支部名称", code + "党支部");
    f.cover.put("上级党组织", "测试党委");
    f.cover.put("年度", String.valueOf(year));
    f.cover.put("季度", String.valueOf(quarter));
    f.cover.put("填表人", "测试");
    f.cover.put("填表日期", year + "-04-05");
    return f;
  }

  LedgerFixture cover(String label, String value) {
    cover.put(label, value);
    return this;
  }

  LedgerFixture noCover() {
    withCover = false;
    return this;
  }

  /** A full member in points management. */
  LedgerFixture member(String code) {
    return rosterRow(code, "党员" + code.substring(code.length() - 3), "正式党员", "是", "");
  }

  LedgerFixture rosterRow(String code, String name, String standing, String inPm, String reason) {
    roster.add(List.of(code, name, "", "男", "1980-01-01", "2005-07-01", standing, "在职", inPm, reason, "第一党小组"));
    return this;
  }

  LedgerFixture entry(String date, String member, String item, String points) {
    entries.add(List.of(date, member, "", item, points, "测试依据", "测试"));
    return this;
  }

  /** An entry with its own 依据 (free text). */
  LedgerFixture entry(String date, String member, String item, String points, String basis) {
    entries.add(List.of(date, member, "", item, points, basis, "测试"));
    return this;
  }

  /** A sheet (or CSV file) that is not a ledger sheet, after the ledger sheets. */
  LedgerFixture extraSheet(String name, List<List<String>> rows) {
    extraSheets.put(name, rows);
    return this;
  }

  LedgerFixture evaluation(String member, String grade, String score) {
    evaluations.add(List.of(member, "", grade, score));
    return this;
  }

  LedgerFixture action(String member, String date, String type) {
    actions.add(List.of(member, "", date, type, "测试说明"));
    return this;
  }

  private Map<String, List<List<String>>> sheets() {
    Map<String, List<List<String>>> s = new LinkedHashMap<>();
    if (withCover) {
      List<List<String>> c = new ArrayList<>();
      cover.forEach((k, v) -> c.add(List.of(k, v)));
      s.put("封面", c);
    }
    s.put("名册", withHeader(ROSTER_HEADER, roster));
    s.put("积分明细", withHeader(ENTRY_HEADER, entries));
    if (!evaluations.isEmpty()) {
      s.put("民主评议", withHeader(EVAL_HEADER, evaluations));
    }
    s.put("组织处置", withHeader(ACTION_HEADER, actions));
    s.putAll(extraSheets);
    return s;
  }

  private static List<List<String>> withHeader(List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    return all;
  }

  /** Writes {@code dir/<name>.xlsx}. */
  Path xlsx(Path dir, String name) throws IOException {
    Path p = dir.resolve(name + ".xlsx");
    Files.createDirectories(dir);
    try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(p)) {
      for (Map.Entry<String, List<List<String>>> e : sheets().entrySet()) {
        Sheet sh = wb.createSheet(e.getKey());
        int r = 0;
        for (List<String> values : e.getValue()) {
          Row row = sh.createRow(r++);
          for (int c = 0; c < values.size(); c++) {
            row.createCell(c).setCellValue(values.get(c));
          }
        }
      }
      wb.write(out);
    }
    return p;
  }

  /** Writes the folder {@code dir/<name>/} of CSV files in the given charset. */
  Path csvFolder(Path dir, String name, Charset cs) throws IOException {
    Path folder = dir.resolve(name);
    Files.createDirectories(folder);
    for (Map.Entry<String, List<List<String>>> e : sheets().entrySet()) {
      Files.write(folder.resolve(e.getKey() + ".csv"), csv(e.getValue()).getBytes(cs));
    }
    return folder;
  }

  /** Writes {@code dir/<name>.zip} of UTF-8 CSV files with a BOM. */
  Path zip(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    Path p = dir.resolve(name + ".zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
      for (Map.Entry<String, List<List<String>>> e : sheets().entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey() + ".csv"));
        z.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        z.write(csv(e.getValue()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return p;
  }

  private static String csv(List<List<String>> rows) {
    StringBuilder sb = new StringBuilder();
    for (List<String> r : rows) {
      sb.append(String.join(",", r)).append("\r\n");
    }
    return sb.toString();
  }

  /** Sets the file's (or folder's files') modification time: the received time by default. */
  static void received(Path p, String isoWithOffset) throws IOException {
    FileTime t = FileTime.from(OffsetDateTime.parse(isoWithOffset).toInstant());
    if (Files.isDirectory(p)) {
      try (var s = Files.list(p)) {
        for (Path c : s.toList()) {
          Files.setLastModifiedTime(c, t);
        }
      }
    }
    Files.setLastModifiedTime(p, t);
  }

  /** A two-committee org tree CSV: QS → QS01 (党委) → QS01B01..B03, QS02 → QS02Z1 (党总支) → QS02B01; QS02B09 dissolved. */
  static Path orgTree(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path p = dir.resolve("orgs.csv");
    Files.writeString(p, String.join("\n",
        "组织编码,组织名称,上级组织编码,组织层级,领域,状态,负责人",
        "QS,青山区委,,区委,机关,有效,",
        "QS01,第一党委,QS,党委,机关,有效,张书记",
        "QS01B01,一支部,QS01,党支部,机关,有效,",
        "QS01B02,二支部,QS01,党支部,机关,有效,",
        "QS01B03,三支部,QS01,党支部,机关,有效,",
        "QS02,第二工委,QS,工委,社区,有效,",
        "QS02Z1,总支,QS02,党总支,社区,有效,",
        "QS02B01,社区支部,QS02Z1,党支部,社区,有效,",
        "QS02B09,撤销支部,QS02,党支部,社区,撤销,") + "\n");
    return p;
  }
}
