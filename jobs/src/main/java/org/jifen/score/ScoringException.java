package org.jifen.score;

/** A scoring run refused before writing anything (period not ingested, scores under another scheme). */
public final class ScoringException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ScoringException(String message) {
    super(message);
  }
}
