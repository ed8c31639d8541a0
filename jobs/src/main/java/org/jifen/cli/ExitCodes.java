package org.jifen.cli;

/** Exit codes of every jifen command. */
public final class ExitCodes {
  /** The run completed and found nothing wrong. */
  public static final int OK = 0;
  /** The run completed; some input was quarantined or rejected (see the printed summary). */
  public static final int DATA_ERRORS = 1;
  /** Bad command line or configuration; nothing was changed. */
  public static final int USAGE = 2;
  /** The run failed (including a reconciliation that does not hold). */
  public static final int FAILURE = 3;

  private ExitCodes() {}
}
