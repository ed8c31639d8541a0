package org.jifen.reports;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The formatting every jifen workbook shares: Chinese fonts Excel and WPS recognise, thin-bordered
 * cells, column widths for Chinese text and the A4 print setup (landscape, fitted to the page width,
 * header rows repeated, page numbers in the footer).
 */
public final class XlsxFormat {
  /** The body font of Chinese government forms. */
  public static final String BODY_FONT = "宋体";
  /** The heading font of Chinese government forms. */
  public static final String HEADING_FONT = "黑体";

  private XlsxFormat() {}

  /**
   * Stamps the workbook's document properties (title, creator, times), makes its first sheet
   * active and writes it to {@code file} atomically: written aside in the same folder, then renamed
   * over the file, so a reader never sees half a workbook.
   */
  public static void writeAtomically(XSSFWorkbook wb, java.nio.file.Path file, String title, String creator,
      java.time.Instant at) throws java.io.IOException {
    var props = wb.getProperties().getCoreProperties();
    props.setTitle(SafeText.cell(title));
    props.setCreator(creator);
    props.setCreated(java.util.Optional.of(java.util.Date.from(at)));
    props.setModified(java.util.Optional.of(java.util.Date.from(at)));
    wb.setActiveSheet(0);
    java.nio.file.Path dir = file.toAbsolutePath().getParent();
    OwnerOnly.createDirectories(dir);
    java.nio.file.Path tmp = java.nio.file.Files.createTempFile(dir, "." + file.getFileName(), ".part");
    try {
      try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(tmp)) {
        wb.write(out);
      }
      OwnerOnly.restrict(tmp);
      java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      java.nio.file.Files.deleteIfExists(tmp);
    }
  }

  /** A font by name; a Chinese name is marked GB2312 so that Excel takes it as a Chinese font. */
  public static XSSFFont font(XSSFWorkbook wb, String name, int points, boolean bold) {
    XSSFFont f = wb.createFont();
    f.setFontName(name);
    f.setFontHeightInPoints((short) points);
    f.setBold(bold);
    if (displayWidth(name) > name.length()) {
      f.setCharSet(134); // GB2312: tells Excel the name is a Chinese font
    }
    return f;
  }

  /** A cell style with the font, thin borders all round and vertically centred text. */
  public static XSSFCellStyle bordered(XSSFWorkbook wb, XSSFFont f) {
    XSSFCellStyle s = wb.createCellStyle();
    s.setFont(f);
    s.setBorderTop(BorderStyle.THIN);
    s.setBorderBottom(BorderStyle.THIN);
    s.setBorderLeft(BorderStyle.THIN);
    s.setBorderRight(BorderStyle.THIN);
    s.setVerticalAlignment(VerticalAlignment.CENTER);
    return s;
  }

  /**
   * Lines a wrapped text takes in a column {@code width} character units wide (a CJK character
   * counts two; two units are left for the cell's margins); each line break starts a line.
   */
  public static int wrappedLines(String s, int width) {
    if (s == null || s.isEmpty()) {
      return 1;
    }
    int usable = Math.max(1, width - 2);
    int n = 0;
    for (String part : s.split("\n", -1)) {
      n += Math.max(1, (displayWidth(part) + usable - 1) / usable);
    }
    return n;
  }

  /** Width in Excel character units: a CJK character counts two. */
  public static int displayWidth(String s) {
    if (s == null) {
      return 0;
    }
    int w = 0;
    for (int i = 0; i < s.length(); i++) {
      w += s.charAt(i) >= 0x2E80 ? 2 : 1;
    }
    return w;
  }

  /**
   * A4 landscape fitted to the page width, the rows {@code firstHeaderRow}–{@code lastHeaderRow}
   * (0-based) repeated on every page, "第 n 页，共 m 页" in the footer.
   */
  public static void printSetup(XSSFSheet sh, int firstHeaderRow, int lastHeaderRow) {
    PrintSetup ps = sh.getPrintSetup();
    ps.setPaperSize(PrintSetup.A4_PAPERSIZE);
    ps.setLandscape(true);
    ps.setFitWidth((short) 1);
    ps.setFitHeight((short) 0);
    sh.setFitToPage(true);
    sh.setAutobreaks(true);
    sh.setHorizontallyCenter(true);
    sh.setMargin(Sheet.LeftMargin, 0.5);
    sh.setMargin(Sheet.RightMargin, 0.5);
    sh.setMargin(Sheet.TopMargin, 0.6);
    sh.setMargin(Sheet.BottomMargin, 0.6);
    sh.setMargin(Sheet.HeaderMargin, 0.3);
    sh.setMargin(Sheet.FooterMargin, 0.3);
    sh.setRepeatingRows(new CellRangeAddress(firstHeaderRow, lastHeaderRow, -1, -1));
    sh.getFooter().setCenter("第 &P 页，共 &N 页");
  }
}
