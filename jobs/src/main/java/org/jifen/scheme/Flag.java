package org.jifen.scheme;

/** The flags a score row carries; each is a fixed boolean column of the gold score tables. */
public enum Flag {
  VETO("veto", "一票否决"),
  HARD_FAIL("hard_fail", "直接评为不合格"),
  ZEROED("zeroed", "得分归零");

  private final String column;
  private final String chinese;

  Flag(String column, String chinese) {
    this.column = column;
    this.chinese = chinese;
  }

  /** The key under {@code flags:} in a scheme file and the column name in gold tables. */
  public String column() {
    return column;
  }

  public String chinese() {
    return chinese;
  }

  static Flag fromColumn(String s) {
    for (Flag f : values()) {
      if (f.column.equals(s)) {
        return f;
      }
    }
    return null;
  }
}
