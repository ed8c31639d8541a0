package org.jifen.ingest.read;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.DateUtil;
import org.dhatim.fastexcel.reader.Cell;

/**
 * Converts the cells of one workbook to the text a ledger row carries: strings as they are, numbers
 * as plain decimals, date-formatted numbers as ISO dates, booleans as TRUE/FALSE, errors as their
 * code. One instance per workbook read (it caches which number formats are dates); not shared
 * between threads.
 */
final class CellText {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** Significant digits a double can carry reliably; longer fractions are binary noise. */
  private static final int DOUBLE_DIGITS = 15;

  private final boolean date1904;
  private final Map<Integer, Boolean> dateFormatIds = new HashMap<>();

  /** A converter for a workbook using the 1900 or (when {@code date1904}) the 1904 date system. */
  CellText(boolean date1904) {
    this.date1904 = date1904;
  }

  /** The text of a cell; "" for a missing or empty cell or a formula without cached value. */
  String of(Cell cell) {
    if (cell == null) {
      return "";
    }
    Object value = cell.getValue();
    switch (cell.getType()) {
      case EMPTY:
        return "";
      case NUMBER:
      case FORMULA:
        if (value instanceof BigDecimal number) {
          return isDate(cell) ? date(number, date1904) : plain(number);
        }
        break;
      case ERROR:
        if (value == null) {
          // A number that did not parse is kept as written.
          return cell.getRawValue() == null ? "" : cell.getRawValue();
        }
        break;
      default:
        break;
    }
    if (value == null) {
      return "";
    }
    if (value instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    }
    return value.toString();
  }

  private boolean isDate(Cell cell) {
    Integer id = cell.getDataFormatId();
    if (id == null) {
      return false;
    }
    // Within one workbook a format id always has the same format string.
    return dateFormatIds.computeIfAbsent(id, k -> isDateFormat(k, cell.getDataFormatString()));
  }

  /** An Excel date serial as ISO date, with the time when it has one; plain decimal if no valid date. */
  static String date(BigDecimal serial, boolean date1904) {
    double value = serial.doubleValue();
    if (DateUtil.isValidExcelDate(value)) {
      LocalDateTime t = DateUtil.getLocalDateTime(value, date1904, true);
      if (t != null) {
        return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.format(DATE) : t.format(DATE_TIME);
      }
    }
    return plain(serial);
  }

  /** Plain decimal text: 3.0 gives "3", -2.5 gives "-2.5", 2.2999999999999998 gives "2.3". */
  static String plain(BigDecimal number) {
    BigDecimal n = number;
    if (n.precision() > DOUBLE_DIGITS && n.scale() > 0) {
      // Excel writes doubles with 17 digits; the shortest round-trip form is what a person sees.
      n = BigDecimal.valueOf(n.doubleValue());
    }
    return n.stripTrailingZeros().toPlainString();
  }

  /**
   * True for date/time number formats: built-in ids 14-22 and 45-47, the East Asian built-in date
   * ids 27-36 and 50-58 (年/月/日 formats), and any format string POI recognises as a date.
   */
  static boolean isDateFormat(Integer formatId, String format) {
    if (formatId == null) {
      return false;
    }
    if (format != null && !format.isEmpty()) {
      return DateUtil.isADateFormat(formatId, format);
    }
    int id = formatId;
    return (id >= 14 && id <= 22)
        || (id >= 27 && id <= 36)
        || (id >= 45 && id <= 47)
        || (id >= 50 && id <= 58);
  }
}
