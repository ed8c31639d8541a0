package org.jifen.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Converts a pack's workbook and report to PDF with LibreOffice (when {@code soffice} is on the
 * PATH, skipped otherwise) and checks the page count and that the title is in the text.
 * With {@code -Djifen.reports.keep=DIR} the packs and PDFs are copied there for looking at.
 */
class LibreOfficeTest {
  @TempDir
  Path tmp;

  @Test
  void packsConvertToPdfWithTheirTitles() throws Exception {
    assumeTrue(onPath("soffice") && onPath("pdftotext") && onPath("pdfinfo"),
        "LibreOffice (soffice) and poppler-utils are not installed");
    Path mart = MartFixture.build(tmp.resolve("jifen.duckdb"), false);
    Path out = tmp.resolve("packs");
    PackOptions o = new PackOptions(Instant.parse("2025-10-15T02:30:00Z"), "0.1.0-test", Map.of(), null);
    List<ReportPack> packs = new ArrayList<>(ReportPacks.render(mart, "2025Q2", List.of("QS", "QS02"), out, o));
    packs.addAll(ReportPacks.render(mart, "2025", List.of("QS"), out, o));
    Path pdf = tmp.resolve("pdf");
    Files.createDirectories(pdf);
    try {
      check(packs, pdf);
    } finally {
      // Kept for looking at even when a check fails.
      String keep = System.getProperty("jifen.reports.keep");
      if (keep != null && !keep.isBlank()) {
        copy(out, Path.of(keep).resolve("packs"));
        copy(pdf, Path.of(keep).resolve("pdf"));
      }
    }
  }

  @Test
  void receiptsConvertToPdfWithTheirChineseText() throws Exception {
    assumeTrue(onPath("soffice") && onPath("pdftotext") && onPath("pdfinfo"),
        "LibreOffice (soffice) and poppler-utils are not installed");
    Path out = tmp.resolve("receipts");
    Path receipt = out.resolve("回执_QS01B06_2025Q2.xlsx");
    Path summary = out.resolve("回执汇总_2025Q2.xlsx");
    ReceiptWorkbooks.writeReceipt(ReceiptWorkbooksTest.receipt(), ReceiptWorkbooksTest.OPTIONS, receipt);
    ReceiptWorkbooks.writeSummary(ReceiptWorkbooksTest.summary(), ReceiptWorkbooksTest.OPTIONS, summary);
    Path pdf = tmp.resolve("pdf").resolve("receipts");
    Files.createDirectories(pdf);
    try {
      convert(receipt, pdf);
      convert(summary, pdf);
      Path r = pdf.resolve("回执_QS01B06_2025Q2.pdf");
      Path s = pdf.resolve("回执汇总_2025Q2.pdf");
      // Two sheets, each on one page or two (the cut 32,767-character value takes a few more).
      assertTrue(pages(r) >= 2 && pages(r) <= 8, "receipt pages " + pages(r));
      assertEquals(4, pages(s), "one page per summary sheet");
      String rt = text(r).replaceAll("\\s+", "");
      String st = text(s).replaceAll("\\s+", "");
      for (String t : List.of("2025年第二季度党员积分台账接收回执", "区教育局机关党支部", "一、结论", "二、收到的文件",
          "逾期40.0小时", "问题明细", "ROSTER_NO_MEMBER_CODE", "名册第13行没有填写党员编号")) {
        assertTrue(rt.contains(t), t + " not in the receipt's PDF");
      }
      for (String t : List.of("青山区委2025年第二季度党员积分台账接收情况汇总", "未报送积分台账的党支部", "未收到台账文件")) {
        assertTrue(st.contains(t), t + " not in the summary's PDF");
      }
      assertEquals(-1, rt.indexOf('\uFFFD'));
      assertEquals(-1, st.indexOf('\uFFFD'));
    } finally {
      String keep = System.getProperty("jifen.reports.keep");
      if (keep != null && !keep.isBlank()) {
        copy(out, Path.of(keep).resolve("receipts"));
        copy(pdf, Path.of(keep).resolve("pdf").resolve("receipts"));
      }
    }
  }

  private static void check(List<ReportPack> packs, Path pdf) throws Exception {
    for (ReportPack p : packs) {
      Path dir = pdf.resolve(p.period() + "-" + p.unitCode());
      Files.createDirectories(dir);
      convert(p.directory().resolve("statistics-table.xlsx"), dir);
      convert(p.directory().resolve("report.docx"), dir);
      Path xlsxPdf = dir.resolve("statistics-table.pdf");
      Path docxPdf = dir.resolve("report.pdf");
      int sheets = pages(xlsxPdf);
      int report = pages(docxPdf);
      // Eight sheets for a quarter (nine for a year), each fitting the page width; a few pages more for long lists.
      assertTrue(sheets >= (p.period().contains("Q") ? 7 : 8) && sheets <= 16, p.unitCode() + " workbook pages " + sheets);
      assertTrue(report >= 5 && report <= 14, p.unitCode() + " report pages " + report);
      String x = text(xlsxPdf);
      String d = text(docxPdf);
      assertTrue(x.contains(StatisticsWorkbook.tableTitle(p.unitName(), 1)), x);
      assertTrue(d.replace("\n", "").contains(AnalysisReport.title(p.unitName())), d);
      assertTrue(d.contains("总体情况"));
      // The prose a leader reads fits about two pages (the district's: two); the tables and charts follow.
      assertTrue(pageOf(docxPdf, AnalysisReport.EXHIBITS_HEADING) <= (p.unitCode().equals("QS") ? 3 : 4),
          p.unitCode() + " " + p.period() + ": the exhibits start on page " + pageOf(docxPdf, AnalysisReport.EXHIBITS_HEADING));
      assertEquals(-1, d.indexOf('\uFFFD'), "no replacement characters in the report's text");
      assertTrue(pageSize(docxPdf).startsWith("595") || pageSize(docxPdf).startsWith("594"), "A4: " + pageSize(docxPdf));
    }
  }

  private static void convert(Path file, Path outDir) throws Exception {
    Path profile = outDir.getParent().resolve("lo-profile");
    run(List.of("soffice", "-env:UserInstallation=" + profile.toUri(), "--headless", "--convert-to", "pdf",
        "--outdir", outDir.toString(), file.toString()));
  }

  private static int pages(Path pdf) throws Exception {
    Matcher m = Pattern.compile("(?m)^Pages:\\s+(\\d+)").matcher(run(List.of("pdfinfo", pdf.toString())));
    assertTrue(m.find(), "pdfinfo " + pdf);
    return Integer.parseInt(m.group(1));
  }

  /** The first page whose text has a line equal to {@code line} (spaces ignored). */
  private static int pageOf(Path pdf, String line) throws Exception {
    int n = pages(pdf);
    for (int i = 1; i <= n; i++) {
      String t = run(List.of("pdftotext", "-enc", "UTF-8", "-f", String.valueOf(i), "-l", String.valueOf(i),
          pdf.toString(), "-"));
      for (String l : t.split("\n")) {
        if (l.replace(" ", "").strip().equals(line)) {
          return i;
        }
      }
    }
    throw new AssertionError(line + " is on no page of " + pdf);
  }

  private static String pageSize(Path pdf) throws Exception {
    Matcher m = Pattern.compile("(?m)^Page size:\\s+(.+)$").matcher(run(List.of("pdfinfo", pdf.toString())));
    assertTrue(m.find());
    return m.group(1);
  }

  private static String text(Path pdf) throws Exception {
    return run(List.of("pdftotext", "-enc", "UTF-8", pdf.toString(), "-"));
  }

  private static String run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "timed out: " + cmd);
    String s = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), cmd + ": " + s);
    return s;
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
