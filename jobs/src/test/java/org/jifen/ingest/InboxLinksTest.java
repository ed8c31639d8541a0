package org.jifen.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolic links are not followed unless asked; FIFOs and devices are never read (issue: trust). */
class InboxLinksTest {
  @TempDir Path dir;

  private Map<String, String> kinds(Path inbox, boolean follow) throws Exception {
    Map<String, String> m = new TreeMap<>();
    for (InboxFile f : InboxScanner.scan(new Configuration(), inbox.toString(), null, ReceivedTimes.fileTimes(),
        follow)) {
      m.put(f.sourceFile(), f.kind());
    }
    return m;
  }

  @Test
  void linksAndSpecialFilesAreRejectedWithoutBeingOpened() throws Exception {
    Path q1 = Files.createDirectories(dir.resolve("inbox/2025Q1"));
    Path outside = Files.writeString(dir.resolve("outside.xlsx"), "secret");
    Files.writeString(q1.resolve("plain.xlsx"), "not really a workbook");
    Files.createSymbolicLink(q1.resolve("link.xlsx"), outside);
    Files.createSymbolicLink(q1.resolve("dangling.xlsx"), dir.resolve("gone.xlsx"));
    Path folder = Files.createDirectories(q1.resolve("QS01B01_2025Q1"));
    Files.writeString(folder.resolve("封面.csv"), "支部编码,QS01B01\n");
    Files.createSymbolicLink(folder.resolve("名册.csv"), outside);
    Process mkfifo = new ProcessBuilder("mkfifo", q1.resolve("pipe.xlsx").toString()).start();
    assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");

    Map<String, String> byDefault = kinds(dir.resolve("inbox"), false);
    assertEquals("XLSX", byDefault.get("2025Q1/plain.xlsx"));
    assertEquals(InboxFile.SYMLINK, byDefault.get("2025Q1/link.xlsx"));
    assertEquals(InboxFile.SYMLINK, byDefault.get("2025Q1/dangling.xlsx"));
    assertEquals(InboxFile.SYMLINK, byDefault.get("2025Q1/QS01B01_2025Q1"), "a folder holding a link");
    assertEquals(InboxFile.SPECIAL, byDefault.get("2025Q1/pipe.xlsx"));

    Map<String, String> following = kinds(dir.resolve("inbox"), true);
    assertEquals("XLSX", following.get("2025Q1/link.xlsx"));
    assertEquals(InboxFile.SPECIAL, following.get("2025Q1/dangling.xlsx"));
    assertEquals("CSV_FOLDER", following.get("2025Q1/QS01B01_2025Q1"));
    assertEquals(InboxFile.SPECIAL, following.get("2025Q1/pipe.xlsx"));

    // The fingerprint task rejects them without opening them (opening the FIFO would block forever).
    List<Row> in = new ArrayList<>();
    for (InboxFile f : InboxScanner.scan(new Configuration(), dir.resolve("inbox").toString(), null,
        ReceivedTimes.fileTimes(), false)) {
      in.add(new GenericRowWithSchema(new Object[] {f.period(), f.sourceFile(), f.uri(), f.kind(),
          new Timestamp(f.receivedAtMillis())}, BronzeSchema.INBOX));
    }
    Map<String, String> codes = new TreeMap<>();
    Iterator<Row> out = new ParseTasks(new Configuration()).fingerprint().call(in.iterator());
    while (out.hasNext()) {
      Row r = out.next();
      codes.put(r.getString(1), r.getString(7) + " | " + r.getString(8));
    }
    assertTrue(codes.get("2025Q1/pipe.xlsx").startsWith("SPECIAL_FILE | 2025Q1/pipe.xlsx: is (or holds) a FIFO"),
        codes.toString());
    assertTrue(codes.get("2025Q1/link.xlsx").startsWith("SYMLINK_NOT_FOLLOWED | 2025Q1/link.xlsx: "), codes.toString());
    assertTrue(codes.get("2025Q1/plain.xlsx").startsWith("null"), codes.toString());
  }
}
