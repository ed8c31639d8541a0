package org.jifen.ingest.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a branch ledger (xlsx, folder of CSV files, or zip of CSV files) into raw sheet rows
 * (DOMAIN §4); thread-safe and stateless, and reports bad content as a {@link FileProblem}
 * instead of throwing.
 */
public final class LedgerReader {
  /** Format label of an xlsx ledger. */
  public static final String FORMAT_XLSX = "xlsx";
  /** Format label of a ledger delivered as a folder of CSV files. */
  public static final String FORMAT_CSV_FOLDER = "csv-folder";
  /** Format label of a ledger delivered as a zip of CSV files. */
  public static final String FORMAT_CSV_ZIP = "csv-zip";

  private LedgerReader() {}

  /**
   * Reads every sheet of the ledger: the ledger sheets (cover first), then every other sheet or CSV
   * file under its own name (see {@link SheetAssembler#raw}); stops at the first file-level problem.
   */
  public static ParsedLedger read(LedgerInput input) {
    String format = switch (input.format()) {
      case XLSX -> FORMAT_XLSX;
      case CSV_FOLDER -> FORMAT_CSV_FOLDER;
      case ZIP -> FORMAT_CSV_ZIP;
    };
    try {
      return switch (input.format()) {
        case XLSX -> readXlsx(input.name(), input.entries().get(0).bytes());
        case CSV_FOLDER -> readCsvFiles(FORMAT_CSV_FOLDER, input.name(),
            input.entries().stream().map(e -> new SafeZip.Item(e.name(), e.bytes())).toList());
        case ZIP -> readZip(input.name(), input.entries().get(0).bytes());
      };
    } catch (RuntimeException e) {
      // A reader bug must not fail the Spark task: report the file as unreadable instead.
      return new ParsedLedger(format, null, List.of(), FileProblem.ofFile(FileProblem.FILE_CORRUPT,
          input.name() + ": the file cannot be read (" + SafeZip.describe(e) + ")"));
    }
  }

  private static ParsedLedger readXlsx(String fileName, byte[] bytes) {
    XlsxBook.Opened opened = XlsxBook.open(fileName, bytes);
    if (opened.problem() != null) {
      return new ParsedLedger(FORMAT_XLSX, null, List.of(), opened.problem());
    }
    List<SheetRow> rows = new ArrayList<>();
    try (XlsxBook book = opened.book()) {
      List<String> names = book.sheetNames();
      if (names.isEmpty()) {
        return new ParsedLedger(FORMAT_XLSX, null, rows,
            FileProblem.ofFile(FileProblem.FILE_EMPTY, fileName + ": the workbook has no sheets"));
      }
      FileProblem ambiguous = ambiguity(fileName, "sheet", names, book.sheetHidden());
      if (ambiguous != null) {
        return new ParsedLedger(FORMAT_XLSX, null, rows, ambiguous);
      }
      Map<LedgerSheet, Integer> found = match(names, String::strip);
      if (!found.containsKey(LedgerSheet.COVER)) {
        boolean blank = true;
        for (int i = 0; i < names.size() && blank; i++) {
          blank = !book.hasText(i);
        }
        return new ParsedLedger(FORMAT_XLSX, null, rows, blank
            ? emptyWorkbook(fileName, "the workbook", "sheet", names)
            : noCover(fileName, "sheet", names));
      }
      for (Map.Entry<LedgerSheet, Integer> e : found.entrySet()) {
        LedgerSheet sheet = e.getKey();
        String where = fileName + ": sheet '" + names.get(e.getValue()) + "'";
        SheetAssembler assembler = assembler(sheet);
        String failure = book.feed(e.getValue(), assembler);
        rows.addAll(assembler.rows());
        FileProblem problem = failure != null
            ? new FileProblem(FileProblem.FILE_CORRUPT, where + ": " + failure, sheet.label(), null, null)
            : layoutProblem(where, sheet, assembler);
        if (problem != null) {
          return new ParsedLedger(FORMAT_XLSX, null, rows, problem);
        }
      }
      // Sheets that are not ledger sheets reach bronze too, counted as "not a ledger sheet".
      for (int i = 0; i < names.size(); i++) {
        if (!found.containsValue(i)) {
          SheetAssembler other = SheetAssembler.raw(names.get(i));
          String failure = book.feed(i, other);
          rows.addAll(other.rows());
          if (failure != null) {
            return new ParsedLedger(FORMAT_XLSX, null, rows, new FileProblem(FileProblem.FILE_CORRUPT,
                fileName + ": sheet '" + names.get(i) + "': " + failure, names.get(i), null, null));
          }
        }
      }
    }
    return new ParsedLedger(FORMAT_XLSX, null, rows, null);
  }

  private static ParsedLedger readZip(String fileName, byte[] bytes) {
    FileProblem problem = null;
    if (bytes.length == 0) {
      problem = FileProblem.ofFile(FileProblem.FILE_EMPTY, fileName + ": the file is empty (0 bytes)");
    } else if (SafeZip.looksLikeOle2(bytes)) {
      problem = FileProblem.ofFile(FileProblem.FILE_ENCRYPTED, fileName
          + ": not a zip but an OLE2 compound document (a password-protected xlsx or an old .xls)");
    } else if (!SafeZip.looksLikeZip(bytes)) {
      problem = FileProblem.ofFile(FileProblem.FILE_CORRUPT, fileName
          + ": not a zip archive (a zip file starts with \"PK\")");
    }
    if (problem != null) {
      return new ParsedLedger(FORMAT_CSV_ZIP, null, List.of(), problem);
    }
    SafeZip.Result zip = SafeZip.read(fileName, bytes, LedgerReader::isCsv, LedgerReader::isCsv);
    if (zip.problem() != null) {
      return new ParsedLedger(FORMAT_CSV_ZIP, null, List.of(), zip.problem());
    }
    FileProblem paths = entryPaths(fileName,
        zip.items().stream().map(SafeZip.Item::name).filter(LedgerReader::isCsv).toList());
    if (paths != null) {
      return new ParsedLedger(FORMAT_CSV_ZIP, null, List.of(), paths);
    }
    return readCsvFiles(FORMAT_CSV_ZIP, fileName, zip.items());
  }

  private static ParsedLedger readCsvFiles(String format, String ledgerName, List<SafeZip.Item> all) {
    List<SafeZip.Item> files = all.stream()
        .filter(f -> f.bytes() != null && isCsv(f.name()))
        .sorted(Comparator.comparing(SafeZip.Item::name))
        .toList();
    if (files.isEmpty()) {
      String what = FORMAT_CSV_ZIP.equals(format) ? "the zip" : "the folder";
      List<String> others = all.stream().map(SafeZip.Item::name).sorted().toList();
      return new ParsedLedger(format, null, List.of(), FileProblem.ofFile(FileProblem.FILE_EMPTY,
          ledgerName + ": " + what + " holds no CSV files (expected 封面.csv, 名册.csv, 积分明细.csv, ...)"
              + (others.isEmpty() ? "" : "; found " + String.join(", ", others))));
    }
    List<String> names = files.stream().map(SafeZip.Item::name).toList();
    FileProblem ambiguous = ambiguity(ledgerName, "CSV file",
        names.stream().map(Labels::baseName).toList(), names.stream().map(n -> false).toList());
    if (ambiguous != null) {
      return new ParsedLedger(format, null, List.of(), ambiguous);
    }
    Map<LedgerSheet, Integer> found = match(names, Labels::baseName);
    if (!found.containsKey(LedgerSheet.COVER)) {
      boolean blank = files.stream().allMatch(f -> isBlank(f.bytes()));
      return new ParsedLedger(format, null, List.of(), blank
          ? emptyWorkbook(ledgerName, FORMAT_CSV_ZIP.equals(format) ? "the zip" : "the folder", "CSV file", names)
          : noCover(ledgerName, "CSV file", names));
    }
    List<SheetRow> rows = new ArrayList<>();
    TreeSet<String> encodings = new TreeSet<>();
    for (Map.Entry<LedgerSheet, Integer> e : found.entrySet()) {
      LedgerSheet sheet = e.getKey();
      SafeZip.Item file = files.get(e.getValue());
      String where = ledgerName + "/" + file.name();
      if (file.bytes().length == 0) {
        continue;
      }
      TextDecoding.Decoded text = TextDecoding.decode(file.bytes());
      if (text.text() == null) {
        return new ParsedLedger(format, join(encodings), rows, new FileProblem(FileProblem.ENCODING_UNDETECTED,
            where + ": the file " + text.failure() + "; save it as CSV UTF-8", sheet.label(), null, null));
      }
      encodings.add(text.encoding());
      SheetAssembler assembler = assembler(sheet);
      String failure = CsvSheet.feed(text.text(), assembler);
      rows.addAll(assembler.rows());
      FileProblem problem = failure != null
          ? new FileProblem(FileProblem.FILE_CORRUPT, where + ": " + failure, sheet.label(), null, null)
          : layoutProblem(where, sheet, assembler);
      if (problem != null) {
        return new ParsedLedger(format, join(encodings), rows, problem);
      }
    }
    // CSV files that are not ledger sheets reach bronze too, counted as "not a ledger sheet".
    for (int i = 0; i < files.size(); i++) {
      SafeZip.Item file = files.get(i);
      if (found.containsValue(i) || file.bytes().length == 0) {
        continue;
      }
      String where = ledgerName + "/" + file.name();
      TextDecoding.Decoded text = TextDecoding.decode(file.bytes());
      if (text.text() == null) {
        return new ParsedLedger(format, join(encodings), rows, new FileProblem(FileProblem.ENCODING_UNDETECTED,
            where + ": the file " + text.failure() + "; save it as CSV UTF-8 (or remove it: it is not a ledger sheet)",
            Labels.baseName(file.name()), null, null));
      }
      SheetAssembler other = SheetAssembler.raw(Labels.baseName(file.name()));
      String failure = CsvSheet.feed(text.text(), other);
      rows.addAll(other.rows());
      if (failure != null) {
        return new ParsedLedger(format, join(encodings), rows, new FileProblem(FileProblem.FILE_CORRUPT,
            where + ": " + failure, Labels.baseName(file.name()), null, null));
      }
    }
    return new ParsedLedger(format, join(encodings), rows, null);
  }

  /**
   * The sheet (index into names) for each ledger sheet present, in {@link LedgerSheet} order: a
   * name equal to the label wins, else the first name containing it.
   */
  static Map<LedgerSheet, Integer> match(List<String> names, Function<String, String> key) {
    Map<LedgerSheet, Integer> found = new EnumMap<>(LedgerSheet.class);
    for (LedgerSheet sheet : LedgerSheet.values()) {
      int contains = -1;
      for (int i = 0; i < names.size(); i++) {
        String k = key.apply(names.get(i));
        if (k.equals(sheet.label())) {
          contains = i;
          break;
        }
        if (contains < 0 && k.contains(sheet.label())) {
          contains = i;
        }
      }
      if (contains >= 0) {
        found.put(sheet, contains);
      }
    }
    return found;
  }

  /**
   * Rejects a file in which a ledger sheet could be more than one sheet: two names equal once
   * spaces and case are ignored ({@code 名册} and {@code 名册 }), or the sheet that would be used is
   * hidden while a visible sheet's name contains the label too. Null when every ledger sheet is
   * unambiguous.
   */
  static FileProblem ambiguity(String fileName, String kind, List<String> names, List<Boolean> hidden) {
    for (LedgerSheet sheet : LedgerSheet.values()) {
      List<Integer> equal = new ArrayList<>();
      List<Integer> containing = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        String k = names.get(i).replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
        if (k.equals(sheet.label())) {
          equal.add(i);
        }
        if (k.contains(sheet.label())) {
          containing.add(i);
        }
      }
      int chosen = equal.size() == 1 ? equal.get(0) : containing.isEmpty() ? -1 : containing.get(0);
      boolean hiddenOverVisible = chosen >= 0 && hidden.get(chosen)
          && containing.stream().anyMatch(i -> !hidden.get(i));
      List<Integer> clash = equal.size() > 1 ? equal : hiddenOverVisible ? containing : List.of();
      if (!clash.isEmpty()) {
        List<String> described = clash.stream()
            .map(i -> "'" + names.get(i) + "'" + (hidden.get(i) ? " (hidden)" : "")).toList();
        return new FileProblem(FileProblem.AMBIGUOUS_SHEETS, fileName + ": " + clash.size() + " " + kind
            + "s could each be the " + sheet.label() + " " + kind + ": " + String.join(", ", described)
            + "; keep exactly one " + kind + " named " + sheet.label() + " (delete or rename the others, "
            + "unhide it if it is the right one) and send the file again", sheet.label(), null, null);
      }
    }
    return null;
  }

  /**
   * Rejects zip entries with paths: absolute, with a {@code ..} segment, or nested deeper than one
   * top folder (a zip of a folder, as Windows makes it, is fine). Null when every path is plain.
   */
  static FileProblem entryPaths(String fileName, List<String> names) {
    java.util.Set<String> tops = new java.util.TreeSet<>();
    for (String raw : names) {
      String n = raw.replace('\\', '/');
      String[] parts = n.split("/");
      String why = n.startsWith("/") || n.matches("^[A-Za-z]:.*") ? "an absolute path"
          : java.util.Arrays.asList(parts).contains("..") ? "a '..' segment"
          : parts.length > 2 ? "nested folders" : null;
      if (why != null) {
        return new FileProblem(FileProblem.ZIP_ENTRY_PATH, fileName + ": zip entry '" + raw + "' has " + why
            + "; expected the CSV files at the top of the zip or in one folder", null, null, null);
      }
      tops.add(parts.length == 2 ? parts[0] + "/" : "");
    }
    if (tops.size() > 1) {
      return new FileProblem(FileProblem.ZIP_ENTRY_PATH, fileName + ": the zip's CSV files are spread over "
          + String.join(", ", tops.stream().map(t -> t.isEmpty() ? "the top level" : "folder '" + t + "'").toList())
          + "; expected them all at the top of the zip or all in one folder", null, null, null);
    }
    return null;
  }

  private static SheetAssembler assembler(LedgerSheet sheet) {
    return new SheetAssembler(sheet.label(), sheet == LedgerSheet.COVER ? null : HeaderRule.of(sheet));
  }

  private static FileProblem layoutProblem(String where, LedgerSheet sheet, SheetAssembler assembler) {
    if (assembler.outcome() != SheetAssembler.Outcome.NO_HEADER) {
      return null;
    }
    HeaderRule rule = HeaderRule.of(sheet);
    return new FileProblem(FileProblem.LAYOUT_UNRECOGNISED,
        where + (where.endsWith("'" + sheet.label() + "'") || where.endsWith("/" + sheet.label() + ".csv")
            ? "" : " (" + sheet.label() + ")") + ": no header row with " + rule.describe()
            + " within the first " + HeaderRule.MAX_HEADER_ROW + " rows",
        sheet.label(), null, null);
  }

  private static FileProblem emptyWorkbook(String fileName, String what, String kind, List<String> names) {
    return FileProblem.ofFile(FileProblem.EMPTY_WORKBOOK, fileName + ": " + what + " is empty: no " + kind
        + " holds any data (found " + String.join(", ", names) + "); expected a ledger with the sheets"
        + " 封面, 名册, 积分明细 — was a blank workbook sent by mistake?");
  }

  /** True when the bytes decode to nothing but whitespace, commas, quotes and a BOM. */
  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      int c = b & 0xff;
      if (!(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == '"' || c == 0xEF || c == 0xBB
          || c == 0xBF)) {
        return false;
      }
    }
    return true;
  }

  private static FileProblem noCover(String fileName, String kind, List<String> names) {
    return FileProblem.ofFile(FileProblem.NO_COVER, fileName + ": no " + kind + " named 封面 (cover); found "
        + String.join(", ", names));
  }

  /** True for a .csv file that is not operating-system litter (__MACOSX/, ._*, .DS_Store). */
  static boolean isCsv(String path) {
    String p = path.replace('\\', '/');
    if (p.startsWith("__MACOSX/") || p.contains("/__MACOSX/")) {
      return false;
    }
    String file = p.substring(p.lastIndexOf('/') + 1);
    return !file.startsWith("._") && !file.equals(".DS_Store")
        && file.toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  private static String join(TreeSet<String> encodings) {
    return encodings.isEmpty() ? null : String.join(",", encodings);
  }
}
