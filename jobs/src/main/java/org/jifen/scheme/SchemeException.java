package org.jifen.scheme;

/**
 * A scheme file that cannot be used. The message names the file, the line and column (when
 * known), what is wrong and how to fix it, e.g.
 * {@code schemes/x.yaml:58:5: grade bands leave 80–89 unassigned ... Fix: ...}.
 */
public final class SchemeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;

  public SchemeException(String file, int line, int column, String problem, String fix) {
    this(file, line, column, problem, fix, null);
  }

  public SchemeException(String file, int line, int column, String problem, String fix, Throwable cause) {
    super(format(file, line, column, problem, fix), cause);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  private static String format(String file, int line, int column, String problem, String fix) {
    StringBuilder b = new StringBuilder(file);
    if (line > 0) {
      b.append(':').append(line);
      if (column > 0) {
        b.append(':').append(column);
      }
    }
    b.append(": ").append(problem);
    if (fix != null && !fix.isEmpty()) {
      b.append(" Fix: ").append(fix);
    }
    return b.toString();
  }

  /** The file or classpath resource the scheme was read from. */
  public String file() {
    return file;
  }

  /** 1-based line of the offending text, or 0 when the problem is not tied to one place. */
  public int line() {
    return line;
  }

  /** 1-based column of the offending text, or 0 when unknown. */
  public int column() {
    return column;
  }
}
