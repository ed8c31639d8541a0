package org.jifen.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.jifen.scheme.Schemes;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File and folder names as branches and departments write them (issue 19 point 1): Chinese, spaces,
 * full-width brackets, {@code # % [ { '}, and a literal {@code %E6%9B%B4} that must not be decoded;
 * in the inbox's files, CSV folders and the folders above them, and in the warehouse's path. And an
 * unexpected failure on one file names that file.
 */
class FileNamesTest {
  /** A folder name with every character that a URI round trip or a glob could mistake. */
  static final String HOSTILE_FOLDER = "数据 #1 [测试] {x} 50% 'a'（副本）";

  @TempDir Path tmp;

  @Test
  void filesWithSuchNamesAreIngestedUnderTheirRealNames() throws Exception {
    Path root = Files.createDirectories(tmp.resolve(HOSTILE_FOLDER));
    Path q1 = root.resolve("inbox 收件箱 #2 [x] {y} 100%").resolve("2025Q1");
    String onTime = "2025-04-08T10:00:00+08:00";
    LedgerFixture.received(LedgerFixture.branch("QS01B01", 2025, 1).member("M001")
        .entry("2025-01-10", "M001", "A5", "2")
        .xlsx(q1, "QS01B01_2025Q1_更正"), onTime);
    LedgerFixture.received(LedgerFixture.branch("QS01B02", 2025, 1).member("M002")
        .entry("2025-01-11", "M002", "A6", "3")
        .xlsx(q1, "新建 XLSX 工作表（2）#1 50% [a] {b} 'c'"), onTime);
    LedgerFixture.received(LedgerFixture.branch("QS01B03", 2025, 1).member("M003")
        .entry("2025-01-12", "M003", "A7", "4")
        .csvFolder(q1, "QS01B03_2025Q1 - 副本 #文件夹 50% [x] {y} 'z'", Charset.forName("GBK")), onTime);
    LedgerFixture.received(LedgerFixture.branch("QS02B01", 2025, 1).member("M004")
        .entry("2025-01-13", "M004", "A8", "5")
        .entry("2025-01-14", "M004", "Z99", "1")
        .zip(q1, "QS02B01_2025Q1_重发 %E6%9B%B4 %zz"), onTime);
    LedgerFixture.received(LedgerFixture.branch("QS09B99", 2025, 1).member("M005")
        .xlsx(q1, "未知支部 #3 [测试] {z} 5%"), onTime);
    Path orgs = LedgerFixture.orgTree(root.resolve("组织 #架构 [1] {a} 9%"));
    // received.csv names a file by its real name: the late time must reach it.
    Path received = Files.writeString(root.resolve("收到时间 #1.csv"),
        "period,file,received_at\n2025Q1,QS01B01_2025Q1_更正.xlsx,2025-04-12T09:00:00+08:00\n");

    SparkSession spark = SharedSpark.get();
    Warehouse wh = new Warehouse(root.resolve("仓库 #1 [测试] {x} 50% 'a'").toString());
    IngestJob.Options o = new IngestJob.Options(orgs.toString(), q1.getParent().toString(), null,
        ReceivedTimes.parse(received.toString(), new Configuration()),
        org.jifen.config.DistrictConfig.DEADLINE_DAYS_DEFAULT, year -> {
          var s = Schemes.load("district-100");
          return new SchemeRules(year, s.id(), s.itemRules(), s.evaluationGrades());
        });
    IngestJob.Result r = new IngestJob(spark, wh).run(o, Progress.none());

    Map<String, String> outcomes = new TreeMap<>();
    r.files().forEach(f -> outcomes.put(f.sourceFile(), f.outcome() + " " + f.read() + "/" + f.accepted()));
    assertEquals(Map.of(
        "2025Q1/QS01B01_2025Q1_更正.xlsx", "current 2/2",
        "2025Q1/新建 XLSX 工作表（2）#1 50% [a] {b} 'c'.xlsx", "current 2/2",
        "2025Q1/QS01B03_2025Q1 - 副本 #文件夹 50% [x] {y} 'z'", "current 2/2",
        "2025Q1/QS02B01_2025Q1_重发 %E6%9B%B4 %zz.zip", "current 3/2",
        "2025Q1/未知支部 #3 [测试] {z} 5%.xlsx", "rejected 1/0"), outcomes);

    // Lineage holds the real names: silver members and entries, ledgers, quarantine, bronze.
    Map<String, String> members = new TreeMap<>();
    for (Row m : wh.read(spark, Warehouse.SILVER, "members").collectAsList()) {
      members.put(m.getAs("member_code"), m.getAs("source_file"));
    }
    assertEquals(Map.of("M001", "2025Q1/QS01B01_2025Q1_更正.xlsx",
        "M002", "2025Q1/新建 XLSX 工作表（2）#1 50% [a] {b} 'c'.xlsx",
        "M003", "2025Q1/QS01B03_2025Q1 - 副本 #文件夹 50% [x] {y} 'z'",
        "M004", "2025Q1/QS02B01_2025Q1_重发 %E6%9B%B4 %zz.zip"), members);
    assertEquals(new TreeSet<>(members.values()), new TreeSet<>(wh.read(spark, Warehouse.SILVER, "entries")
        .select("source_file").distinct().as(Encoders.STRING()).collectAsList()));
    assertEquals(new TreeSet<>(members.values()), new TreeSet<>(wh.read(spark, Warehouse.SILVER, "ledgers")
        .select("source_file").as(Encoders.STRING()).collectAsList()));
    assertEquals(new TreeSet<>(List.of("2025Q1/QS02B01_2025Q1_重发 %E6%9B%B4 %zz.zip", "2025Q1/未知支部 #3 [测试] {z} 5%.xlsx")),
        new TreeSet<>(wh.read(spark, Warehouse.QUARANTINE, "rows").select("source_file").distinct()
            .as(Encoders.STRING()).collectAsList()));
    assertEquals(outcomes.keySet(), new TreeSet<>(wh.read(spark, Warehouse.META, "ingest_log")
        .select("source_file").as(Encoders.STRING()).collectAsList()));
    for (Row f : wh.read(spark, Warehouse.BRONZE, "ledger_files").collectAsList()) {
      Path local = InboxScanner.local(new org.apache.hadoop.fs.Path(f.<String>getAs("file_uri")));
      assertEquals(q1.getParent().resolve(f.<String>getAs("source_file")).toAbsolutePath(), local);
      assertTrue(Files.exists(local), local.toString());
    }

    // received.csv matched the Chinese name: QS01B01 is late, the others on time.
    Map<String, String> status = new TreeMap<>();
    for (Row s : wh.read(spark, Warehouse.SILVER, "submissions").collectAsList()) {
      status.put(s.getAs("branch_code"), s.getAs("status"));
    }
    assertEquals(Map.of("QS01B01", "late", "QS01B02", "on_time", "QS01B03", "on_time", "QS02B01", "on_time"), status);
  }

  @Test
  void aLocaleWithoutChineseIsRefusedBeforeAnyFileIsMisread() throws Exception {
    Files.createDirectories(tmp.resolve("inbox/2025Q1"));
    String was = System.getProperty("sun.jnu.encoding");
    System.setProperty("sun.jnu.encoding", "ANSI_X3.4-1968"); // what Java 17 takes from LANG=C
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InboxScanner.scan(
          new Configuration(), tmp.resolve("inbox").toString(), null, ReceivedTimes.fileTimes()));
      assertTrue(e.getMessage().startsWith("file names are read in the encoding ANSI_X3.4-1968 of the locale"),
          e.getMessage());
      assertTrue(e.getMessage().endsWith("Run jifen under a UTF-8 locale (export LC_ALL=C.UTF-8), as the jifen "
          + "launcher does"), e.getMessage());
    } finally {
      System.setProperty("sun.jnu.encoding", was);
    }
  }

  /** The local file system, failing on paths whose name holds "boom" as storage or a library bug might. */
  public static final class FailingFs extends RawLocalFileSystem {
    @Override
    public FileStatus[] listStatus(org.apache.hadoop.fs.Path f) throws IOException {
      if (f.getName().contains("boom")) {
        throw new IllegalStateException("storage hiccup");
      }
      return super.listStatus(f);
    }

    @Override
    public FSDataInputStream open(org.apache.hadoop.fs.Path f, int bufferSize) throws IOException {
      if (f.getName().contains("boom")) {
        throw new IllegalArgumentException("Bad escape");
      }
      return super.open(f, bufferSize);
    }
  }

  private static Configuration failing() {
    Configuration c = new Configuration();
    c.set("fs.file.impl", FailingFs.class.getName());
    c.setBoolean("fs.file.impl.disable.cache", true);
    return c;
  }

  @Test
  void anUnexpectedFailureWhileScanningNamesTheFile() throws Exception {
    Path q1 = tmp.resolve("inbox/2025Q1");
    LedgerFixture.branch("QS01B01", 2025, 1).member("M001").xlsx(q1, "QS01B01_2025Q1");
    LedgerFixture.branch("QS01B02", 2025, 1).member("M002").csvFolder(q1, "QS01B02 boom 副本",
        java.nio.charset.StandardCharsets.UTF_8);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> InboxScanner.scan(failing(),
        tmp.resolve("inbox").toString(), null, ReceivedTimes.fileTimes()));
    assertEquals("inbox file 2025Q1/QS01B02 boom 副本: could not be listed (IllegalStateException: storage hiccup)",
        e.getMessage());
  }

  @Test
  void anUnexpectedFailureWhileReadingRejectsThatFileUnderItsName() throws Exception {
    Path q1 = tmp.resolve("inbox/2025Q1");
    LedgerFixture.branch("QS01B01", 2025, 1).member("M001").xlsx(q1, "QS01B01_2025Q1 boom 更正");
    InboxFile f = InboxScanner.scan(new Configuration(), tmp.resolve("inbox").toString(), null,
        ReceivedTimes.fileTimes()).get(0);
    Row in = new GenericRowWithSchema(new Object[] {f.period(), f.sourceFile(), f.uri(), f.kind(),
        new Timestamp(f.receivedAtMillis()), "sha", 10L, null, null}, BronzeSchema.FINGERPRINTED);
    Iterator<Row> out = new ParseTasks(failing()).parse().call(in);
    Row file = out.next();
    // A 'file' record: problem code and message are its 10th and 11th fields (BronzeSchema.PARSED).
    assertEquals("FILE_UNREADABLE | 2025Q1/QS01B01_2025Q1 boom 更正.xlsx: cannot be read from storage "
        + "(IllegalArgumentException: Bad escape)", file.getString(9) + " | " + file.getString(10));
    assertTrue(!out.hasNext(), "no rows of an unread file");
  }
}
