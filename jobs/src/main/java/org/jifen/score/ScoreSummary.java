package org.jifen.score;

import java.time.Duration;
import java.util.Map;

/**
 * What a scoring run wrote.
 *
 * @param table the gold table written ({@code member_quarter_score} or {@code member_year_score})
 * @param rowsWritten rows written for the period
 * @param gradeCounts graded members per grade, in the scheme's grade order (zeros included)
 * @param statusCounts rows per status (graded, exempt, activist, incomplete)
 * @param quotaLimited members demoted by the quota (annual only)
 * @param disposal members on the disposal list (annual only)
 */
public record ScoreSummary(String period, String table, String schemeId, String schemeHash, long rowsWritten,
    Map<String, Long> gradeCounts, Map<String, Long> statusCounts, long quotaLimited, long disposal,
    Duration elapsed) {

  /** Members whose annual result is 未评定 (no evaluation where the scheme needs one). */
  public long incomplete() {
    return statusCounts.getOrDefault(MemberScoring.INCOMPLETE, 0L);
  }

  /** A few lines for the console. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append("scored ").append(period).append(" with scheme ").append(schemeId)
        .append(" (sha256 ").append(schemeHash, 0, 12).append("…): ")
        .append(rowsWritten).append(" rows written to gold/").append(table)
        .append(" in ").append(String.format("%.1f", elapsed.toMillis() / 1000.0)).append(" s\n");
    b.append("  status:");
    statusCounts.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
    b.append("\n  grades:");
    gradeCounts.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
    if (table.equals(ScoringJob.YEAR_TABLE)) {
      b.append("\n  quota-limited: ").append(quotaLimited).append(", disposal list: ").append(disposal);
    }
    if (incomplete() > 0) {
      b.append("\n  ").append(incomplete()).append(" members without evaluation have no annual result (未评定)");
    }
    return b.append('\n').toString();
  }
}
