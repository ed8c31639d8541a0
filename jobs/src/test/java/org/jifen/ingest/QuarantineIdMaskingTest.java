package org.jifen.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.loop.ReasonTexts;
import org.jifen.scheme.Scheme;
import org.jifen.scheme.Schemes;
import org.jifen.spark.Progress;
import org.jifen.spark.Warehouse;
import org.jifen.testing.SampleWarehouse;
import org.jifen.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 point 4: a rejected 身份证号 cell reaches {@code quarantine/rows.raw_value} masked as the
 * receipts show it ({@link NationalIds#mask}), never by its first 40 characters.
 */
class QuarantineIdMaskingTest {
  private static final String ID = "360121195902127388";
  private static final String BRANCH = "QS01B03_2025Q1";

  @TempDir Path dir;

  @Test
  void aRejectedNationalIdCellIsKeptMaskedInTheQuarantine() throws Exception {
    // The samples' GBK CSV ledger, whose first member's 身份证号 cell holds 60 IDs pasted into one (1080 characters).
    Path inbox = dir.resolve("inbox");
    Path ledger = Files.createDirectories(inbox.resolve("2025Q1").resolve(BRANCH));
    Path sample = SampleWarehouse.samples().resolve("inbox/2025Q1").resolve(BRANCH);
    try (Stream<Path> files = Files.list(sample)) {
      for (Path f : files.toList()) {
        Files.copy(f, ledger.resolve(f.getFileName().toString()));
      }
    }
    Charset gbk = Charset.forName("GBK");
    Path roster = ledger.resolve("名册.csv");
    String text = Files.readString(roster, gbk);
    String pasted = ID.repeat(60);
    Files.writeString(roster, text.replaceFirst(ID, pasted), gbk);

    SparkSession spark = SharedSpark.get();
    Warehouse wh = new Warehouse(dir.resolve("wh").toString());
    Scheme scheme = Schemes.load(Schemes.DEFAULT_ID);
    IngestJob.Options o = new IngestJob.Options(SampleWarehouse.samples().resolve("orgs.xlsx").toString(),
        inbox.toString(), "2025Q1", ReceivedTimes.parse("2025-04-08T10:00:00+08:00",
            spark.sparkContext().hadoopConfiguration()), org.jifen.config.DistrictConfig.DEADLINE_DAYS_DEFAULT,
        year -> new SchemeRules(year, scheme.id(), scheme.itemRules(), scheme.evaluationGrades()));
    new IngestJob(spark, wh).run(o, Progress.none());

    List<Row> rejected = wh.read(spark, Warehouse.QUARANTINE, "rows").filter(col("column_name").equalTo("身份证号"))
        .collectAsList();
    assertEquals(1, rejected.size(), rejected.toString());
    Row r = rejected.get(0);
    assertEquals("VALUE_TOO_LONG", r.getAs("reason_code"));
    assertEquals("… (1080 characters)", r.getAs("raw_value"), "the length only, no digit of the IDs");
    assertFalse(r.<String>getAs("message").contains(ID.substring(0, 6)), r.<String>getAs("message"));
    for (Row any : wh.read(spark, Warehouse.QUARANTINE, "rows").collectAsList()) {
      assertFalse(String.valueOf(any.<String>getAs("raw_value")).contains(ID.substring(0, 12)), any.toString());
    }
    // The receipt shows what it always showed.
    assertEquals("（共1080个字符，内容已隐去）", ReasonTexts.shown("身份证号", r.getAs("raw_value")));
  }

  @Test
  void theMaskKeepsTheLastFourCharactersAndIsStable() {
    assertEquals("**************738X", NationalIds.mask(" 36012119590212738X "));
    assertEquals("**************738X", NationalIds.mask(NationalIds.mask("36012119590212738X")));
    assertEquals("… (1080 characters)",
        NationalIds.mask(ID.repeat(3).substring(0, 40) + "… (1080 characters)"));
    assertEquals("**3412", NationalIds.mask("123412"));
    assertEquals("1234", NationalIds.mask("1234"));
    assertNull(NationalIds.mask(null));
    assertEquals("张三", NationalIds.maskIn("姓名", "张三"));
    assertEquals(ReasonTexts.shown("身份证号", ID), NationalIds.mask(ID));
  }
}
