package org.jifen.ingest.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Parses decoded CSV text (RFC 4180 quoting) and feeds its records, with line numbers, to a sheet. */
final class CsvSheet {
  /** RFC 4180 with every line a record, so that blank lines keep line numbers honest. */
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
      .setIgnoreEmptyLines(false)
      .setTrailingData(true)
      .get();

  private CsvSheet() {}

  /**
   * Feeds every record to the assembler until it asks to stop.
   *
   * @return null when the text parsed, otherwise why not, naming the line
   */
  static String feed(String text, SheetAssembler assembler) {
    LineCounter lines = new LineCounter(text);
    try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
      for (CSVRecord record : parser) {
        int line = lines.lineAt(record.getCharacterPosition());
        if (!assembler.accept(new Row(line, record))) {
          break;
        }
      }
      return null;
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return "malformed CSV quoting (" + SafeZip.describe(e.getCause() != null ? e.getCause() : e) + ")";
    }
  }

  /** A CSV record seen as a physical row. */
  private record Row(int rowNumber, CSVRecord record) implements RawRow {
    @Override
    public int width() {
      return record.size();
    }

    @Override
    public String text(int column) {
      return column < record.size() ? record.get(column) : "";
    }
  }

  /** Turns increasing character positions into 1-based line numbers (CRLF, LF or CR line ends). */
  private static final class LineCounter {
    private final String text;
    private int position;
    private int line = 1;

    LineCounter(String text) {
      this.text = text;
    }

    int lineAt(long characterPosition) {
      int target = (int) Math.min(characterPosition, text.length());
      for (; position < target; position++) {
        char c = text.charAt(position);
        if (c == '\n' || (c == '\r' && (position + 1 >= text.length() || text.charAt(position + 1) != '\n'))) {
          line++;
        }
      }
      return line;
    }
  }
}
