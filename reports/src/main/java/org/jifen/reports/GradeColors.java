package org.jifen.reports;

import java.awt.Color;
import java.util.List;
import java.util.Map;

/**
 * One colour per grade name, the same in every chart of every pack: cool colours for the good
 * grades, amber and red for the two lowest.
 */
final class GradeColors {
  private GradeColors() {}

  private static final Map<String, Color> BY_NAME = Map.of(
      "优秀", new Color(0x1F, 0x4E, 0x79),
      "良好", new Color(0x2E, 0x86, 0xC1),
      "合格", new Color(0x85, 0xC1, 0xE9),
      "基本合格", new Color(0xF0, 0xA2, 0x02),
      "不合格", new Color(0xC0, 0x39, 0x2B));

  /** For grade names no reference scheme uses, by position. */
  private static final List<Color> FALLBACK = List.of(
      new Color(0x11, 0x78, 0x64), new Color(0x48, 0xC9, 0xB0), new Color(0xA9, 0xDF, 0xBF),
      new Color(0x8E, 0x44, 0xAD), new Color(0x7F, 0x8C, 0x8D));

  static Color of(String grade, int index) {
    Color c = BY_NAME.get(grade);
    return c != null ? c : FALLBACK.get(Math.floorMod(index, FALLBACK.size()));
  }

  /** Colour of plain single-series bars (histogram, participation). */
  static final Color PRIMARY = new Color(0x1F, 0x4E, 0x79);
  /** Colour of lines. */
  static final Color LINE = new Color(0xB0, 0x3A, 0x2E);
}
