package org.jifen.scheme;

/** The time window a rule applies to. */
public enum Window {
  QUARTER("quarter", "季度"),
  YEAR("year", "年度");

  private final String key;
  private final String chinese;

  Window(String key, String chinese) {
    this.key = key;
    this.chinese = chinese;
  }

  /** The name used in scheme files and in the scoring SQL. */
  public String key() {
    return key;
  }

  public String chinese() {
    return chinese;
  }
}
