package org.jifen.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for terminal output; Chinese characters count as two columns. */
public final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(String... header) {
    this.header = List.of(header);
  }

  /** Adds a row; values are printed with {@code String.valueOf}, nulls as blank. */
  public TextTable row(Object... values) {
    List<String> r = new ArrayList<>();
    for (Object v : values) {
      r.add(v == null ? "" : String.valueOf(v));
    }
    rows.add(r);
    return this;
  }

  public int size() {
    return rows.size();
  }

  /** Display width: East Asian wide characters take two columns. */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += isWide(cp) ? 2 : 1;
      i += Character.charCount(cp);
    }
    return w;
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
  }

  /** Prints the table with right-aligned numbers. */
  /** Prints the table, or "  none" when it has no rows. */
  public void printOrNone(PrintWriter out) {
    if (size() == 0) {
      out.println("  none");
    } else {
      print(out);
    }
  }

  public void print(PrintWriter out) {
    int[] w = new int[header.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = width(header.get(i));
      for (List<String> r : rows) {
        w[i] = Math.max(w[i], width(r.get(i)));
      }
    }
    line(out, header, w);
    StringBuilder sep = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      sep.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
    }
    out.println(sep);
    for (List<String> r : rows) {
      line(out, r, w);
    }
    out.flush();
  }

  private static void line(PrintWriter out, List<String> cells, int[] w) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      String c = cells.get(i);
      String pad = " ".repeat(w[i] - width(c));
      boolean numeric = c.matches("-?[0-9][0-9,.%]*");
      sb.append(i == 0 ? "" : "  ").append(numeric ? pad + c : c + (i == w.length - 1 ? "" : pad));
    }
    out.println(sb.toString().stripTrailing());
  }
}
