package org.jifen.ingest.read;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Detects the encoding of a CSV file: a UTF-8 byte-order mark, else strict UTF-8, else strict GBK
 * (decoded with GB18030, its superset); never decodes silently wrong.
 */
final class TextDecoding {
  /** Label of UTF-8 text that starts with a byte-order mark. */
  static final String UTF8_BOM = "UTF-8-BOM";
  /** Label of UTF-8 text without byte-order mark. */
  static final String UTF8 = "UTF-8";
  /** Label of GBK (GB18030) text. */
  static final String GBK = "GBK";

  private static final Charset GB18030 = Charset.forName("GB18030");

  private TextDecoding() {}

  /**
   * The decoded text and its encoding label, or (text null) a description of why no encoding fits.
   *
   * @param text the text without byte-order mark, or null when undetected
   * @param encoding {@link #UTF8_BOM}, {@link #UTF8} or {@link #GBK}; null when undetected
   * @param failure why no encoding fits, naming lines but no content; null when detected
   */
  record Decoded(String text, String encoding, String failure) {}

  /** Detects the encoding and decodes the whole file. */
  static Decoded decode(byte[] bytes) {
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      String text = strict(bytes, 3, StandardCharsets.UTF_8);
      if (text != null) {
        return new Decoded(text, UTF8_BOM, null);
      }
      return new Decoded(null, null, "starts with a UTF-8 byte-order mark but is not valid UTF-8 (first bad byte on line "
          + lineOf(bytes, firstMalformed(bytes, 3, StandardCharsets.UTF_8)) + ")");
    }
    if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE
        || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
      return new Decoded(null, null, "is UTF-16 text (\"Unicode text\"), which is not supported");
    }
    String text = strict(bytes, 0, StandardCharsets.UTF_8);
    if (text != null) {
      return new Decoded(text, UTF8, null);
    }
    text = strict(bytes, 0, GB18030);
    if (text != null) {
      return new Decoded(text, GBK, null);
    }
    return new Decoded(null, null, "is neither valid UTF-8 (first bad byte on line "
        + lineOf(bytes, firstMalformed(bytes, 0, StandardCharsets.UTF_8))
        + ") nor valid GBK (first bad byte on line " + lineOf(bytes, firstMalformed(bytes, 0, GB18030)) + ")");
  }

  /** The bytes from {@code offset} decoded with the charset, or null at the first malformed sequence. */
  static String strict(byte[] bytes, int offset, Charset charset) {
    try {
      return decoder(charset).decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The offset of the first malformed byte, or -1 when the whole input decodes. */
  static int firstMalformed(byte[] bytes, int offset, Charset charset) {
    CharsetDecoder decoder = decoder(charset);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      if (r.isError()) {
        return in.position();
      }
      if (!r.isOverflow()) {
        return -1;
      }
      out.clear();
    }
  }

  private static CharsetDecoder decoder(Charset charset) {
    return charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** The 1-based line holding the byte at {@code offset}. */
  static int lineOf(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
