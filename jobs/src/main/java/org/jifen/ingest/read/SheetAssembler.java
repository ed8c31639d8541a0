package org.jifen.ingest.read;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the physical rows of one sheet into {@link SheetRow}s: finds the header row by its labels
 * (or reads label/value pairs for the cover) and keeps every row below it whose header columns are
 * not all blank. Header labels are normalised ({@link Labels#header}); columns with a blank label
 * are dropped and a repeated label gets a suffix ({@code 姓名#2}).
 */
final class SheetAssembler {
  /** How reading a sheet ended. */
  enum Outcome {
    /** The header was found (or the sheet is the cover); rows were kept. */
    READ,
    /** The sheet holds no text at all, so there is nothing to read. */
    EMPTY,
    /** The sheet holds text but no header row within the first rows. */
    NO_HEADER
  }

  private final String sheet;
  private final HeaderRule rule;
  private final boolean raw;
  private final List<SheetRow> rows = new ArrayList<>();
  private int[] columns;
  private String[] labels;
  private boolean sawText;

  /**
   * @param sheet the label every emitted row carries
   * @param rule the header rule, or null for a cover sheet (label in A, value in B)
   */
  SheetAssembler(String sheet, HeaderRule rule) {
    this(sheet, rule, false);
  }

  private SheetAssembler(String sheet, HeaderRule rule, boolean raw) {
    this.sheet = sheet;
    this.rule = rule;
    this.raw = raw;
  }

  /**
   * An assembler for a sheet that is not a ledger sheet: every non-blank row is kept with its
   * non-blank cells keyed by column letter ({@code A}, {@code B}, …), so that the rows reach bronze
   * and the reconciliation counts them as "not a ledger sheet" instead of dropping them unseen.
   */
  static SheetAssembler raw(String sheet) {
    return new SheetAssembler(sheet, null, true);
  }

  /** Takes the next physical row; returns false when the rest of the sheet need not be read. */
  boolean accept(RawRow row) {
    if (raw) {
      acceptRaw(row);
      return true;
    }
    if (rule == null) {
      acceptCover(row);
      return true;
    }
    if (columns != null) {
      acceptData(row);
      return true;
    }
    return searchHeader(row);
  }

  /** How reading ended, once every row was passed (or {@link #accept} returned false). */
  Outcome outcome() {
    if (rule == null || columns != null) {
      return Outcome.READ;
    }
    return sawText ? Outcome.NO_HEADER : Outcome.EMPTY;
  }

  /** The rows kept so far, in sheet order. */
  List<SheetRow> rows() {
    return rows;
  }

  private void acceptRaw(RawRow row) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int c = 0; c < row.width(); c++) {
      String text = row.text(c);
      if (!Labels.isBlank(text)) {
        fields.put(org.apache.poi.ss.util.CellReference.convertNumToColString(c), text);
      }
    }
    if (!fields.isEmpty()) {
      rows.add(new SheetRow(sheet, row.rowNumber(), Collections.unmodifiableMap(fields)));
    }
  }

  private void acceptCover(RawRow row) {
    String label = row.text(0);
    String value = row.width() > 1 ? row.text(1) : "";
    if (Labels.isBlank(label) && Labels.isBlank(value)) {
      return;
    }
    rows.add(new SheetRow(sheet, row.rowNumber(), Collections.singletonMap(Labels.cover(label), value)));
  }

  private boolean searchHeader(RawRow row) {
    boolean blank = true;
    Map<String, Integer> found = new LinkedHashMap<>();
    for (int c = 0; c < row.width(); c++) {
      String text = row.text(c);
      if (Labels.isBlank(text)) {
        continue;
      }
      blank = false;
      String label = Labels.header(text);
      if (label.isEmpty()) {
        continue;
      }
      String key = label;
      for (int n = 2; found.containsKey(key); n++) {
        key = label + "#" + n;
      }
      found.put(key, c);
    }
    sawText |= !blank;
    if (row.rowNumber() > HeaderRule.MAX_HEADER_ROW) {
      // Too far down for a header: stop unless the sheet has shown no text at all yet.
      return !sawText;
    }
    if (!blank && rule.matches(found)) {
      columns = new int[found.size()];
      labels = new String[found.size()];
      int i = 0;
      for (Map.Entry<String, Integer> e : found.entrySet()) {
        labels[i] = e.getKey();
        columns[i] = e.getValue();
        i++;
      }
    }
    return true;
  }

  private void acceptData(RawRow row) {
    String[] values = new String[columns.length];
    boolean blank = true;
    int width = row.width();
    for (int i = 0; i < columns.length; i++) {
      String v = columns[i] < width ? row.text(columns[i]) : "";
      values[i] = v;
      blank &= Labels.isBlank(v);
    }
    if (blank) {
      return;
    }
    Map<String, String> fields = new LinkedHashMap<>(columns.length * 2);
    for (int i = 0; i < columns.length; i++) {
      fields.put(labels[i], values[i]);
    }
    rows.add(new SheetRow(sheet, row.rowNumber(), Collections.unmodifiableMap(fields)));
  }
}
