package org.jifen.ingest;

/**
 * One ledger export found in the inbox.
 *
 * @param period the inbox folder's period, e.g. {@code 2025Q1}
 * @param sourceFile path relative to the inbox, e.g. {@code 2025Q1/QS01B06_2025Q1.xlsx}
 * @param uri full Hadoop path of the file or CSV folder
 * @param kind {@code XLSX}, {@code ZIP}, {@code CSV_FOLDER}, {@code UNSUPPORTED}, or {@link #SYMLINK} /
 *     {@link #SPECIAL} (never opened; rejected)
 * @param receivedAtMillis received time (epoch millis): modification time unless overridden
 */
public record InboxFile(String period, String sourceFile, String uri, String kind, long receivedAtMillis) {
  /** A symbolic link (or a CSV folder holding one), not followed without {@code --follow-links}. */
  public static final String SYMLINK = "SYMLINK";
  /** A FIFO, device or socket (or a CSV folder holding one, or a dangling link): never read. */
  public static final String SPECIAL = "SPECIAL";
}
