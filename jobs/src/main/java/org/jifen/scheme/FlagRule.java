package org.jifen.scheme;

/**
 * What a flag does when one of its items has an entry in the window.
 *
 * @param actsOnQuarter the flag changes quarter scores (otherwise quarter rows only carry it)
 * @param actsOnYear the flag changes the annual result
 * @param zeroScore the score becomes 0 (otherwise it stays as computed)
 * @param failGrade the grade becomes the lowest band whatever the score (otherwise it follows
 *     the score)
 */
public record FlagRule(Flag flag, String name, boolean actsOnQuarter, boolean actsOnYear,
    boolean zeroScore, boolean failGrade, int line) implements java.io.Serializable {
  /** True when the flag acts on the window. */
  public boolean actsOn(Window w) {
    return w == Window.QUARTER ? actsOnQuarter : actsOnYear;
  }
}
