package org.jifen.score;

import java.time.Instant;

/**
 * Options of a scoring run.
 *
 * @param scheme scheme id or file overriding the district configuration, or null
 * @param rescore replace scores made under a different scheme (or scheme version)
 * @param scoredAt the scored_at stamp, or null for now
 */
public record ScoreOptions(String scheme, boolean rescore, Instant scoredAt) {
  /** The scheme of the district configuration, no rescoring, stamped now. */
  public static ScoreOptions defaults() {
    return new ScoreOptions(null, false, null);
  }

  public ScoreOptions withScheme(String s) {
    return new ScoreOptions(s, rescore, scoredAt);
  }

  public ScoreOptions withRescore(boolean r) {
    return new ScoreOptions(scheme, r, scoredAt);
  }

  public ScoreOptions withScoredAt(Instant at) {
    return new ScoreOptions(scheme, rescore, at);
  }
}
