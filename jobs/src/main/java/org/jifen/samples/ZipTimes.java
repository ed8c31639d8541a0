package org.jifen.samples;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDateTime;

/**
 * Sets the modification time of every entry of an in-memory zip (local and central headers), so
 * a workbook written by POI does not carry the wall-clock time of the run.
 */
final class ZipTimes {
  private ZipTimes() {}

  static byte[] set(byte[] zip, LocalDateTime time) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    int eocd = -1;
    for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
      if (b.getInt(i) == 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      throw new IllegalArgumentException("not a zip: no end of central directory");
    }
    short dosTime = (short) ((time.getHour() << 11) | (time.getMinute() << 5) | (time.getSecond() / 2));
    short dosDate = (short) (((time.getYear() - 1980) << 9) | (time.getMonthValue() << 5) | time.getDayOfMonth());
    int entries = Short.toUnsignedInt(b.getShort(eocd + 10));
    int p = b.getInt(eocd + 16);
    for (int n = 0; n < entries; n++) {
      if (b.getInt(p) != 0x02014b50) {
        throw new IllegalArgumentException("bad central directory header at " + p);
      }
      b.putShort(p + 12, dosTime).putShort(p + 14, dosDate);
      int local = b.getInt(p + 42);
      if (b.getInt(local) != 0x04034b50) {
        throw new IllegalArgumentException("bad local header at " + local);
      }
      b.putShort(local + 10, dosTime).putShort(local + 12, dosDate);
      p += 46 + Short.toUnsignedInt(b.getShort(p + 28)) + Short.toUnsignedInt(b.getShort(p + 30))
          + Short.toUnsignedInt(b.getShort(p + 32));
    }
    return zip;
  }
}
