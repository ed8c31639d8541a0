package org.jifen.ingest.read;

/** Normalises header and cover labels and tells blank text apart. */
final class Labels {
  private Labels() {}

  /** True for whitespace, no-break and zero-width characters and the byte-order mark. */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || c == '\uFEFF'
        || c == '\u200B';
  }

  /** True when the text is null, empty, or only spaces (including U+3000 and U+00A0). */
  static boolean isBlank(String text) {
    if (text == null) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!isSpace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** A header label with every space removed and trailing asterisks (required-field marks) stripped. */
  static String header(String raw) {
    return strip(raw, "*＊");
  }

  /** A cover label: like {@link #header} and also without a trailing ASCII or full-width colon. */
  static String cover(String raw) {
    return strip(raw, "*＊:：");
  }

  private static String strip(String raw, String trailing) {
    if (raw == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!isSpace(c)) {
        sb.append(c);
      }
    }
    int end = sb.length();
    while (end > 0 && trailing.indexOf(sb.charAt(end - 1)) >= 0) {
      end--;
    }
    sb.setLength(end);
    return sb.toString();
  }

  /** The file name without folders and without its last extension. */
  static String baseName(String fileName) {
    String name = fileName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
