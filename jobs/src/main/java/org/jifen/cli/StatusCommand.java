package org.jifen.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.spark.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jifen status}: what the warehouse holds. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show what the warehouse holds: periods, branches submitted/late/missing, row counts, "
        + "quarantine counts and member conflicts.")
public final class StatusCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--period", paramLabel = "YYYYQn", description = "Only this period.")
  String period;

  @Option(names = "--quarantine", description = "List every quarantined file and row with its located message.")
  boolean listQuarantine;

  @Spec CommandSpec spec;

  /**
   * A warning when a local warehouse folder can be read or entered by its group or by others: it
   * holds names and national IDs.
   */
  static java.util.Optional<String> opennessWarning(Warehouse wh) {
    java.nio.file.Path root = org.jifen.mart.MartBuilder.localPath(wh.root());
    if (root == null || !java.nio.file.Files.isDirectory(root)) {
      return java.util.Optional.empty();
    }
    try {
      var perms = java.nio.file.Files.getPosixFilePermissions(root);
      boolean open = perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
      return open ? java.util.Optional.of("Warning: the warehouse folder " + root + " is open to others ("
          + java.nio.file.attribute.PosixFilePermissions.toString(perms) + ") but holds names and national IDs; "
          + "restrict it with: chmod -R go-rwx " + root) : java.util.Optional.empty();
    } catch (UnsupportedOperationException | java.io.IOException e) {
      return java.util.Optional.empty();
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Warehouse wh = common.warehouse();
    opennessWarning(wh).ifPresent(out::println);
    org.jifen.spark.WarehouseLease.holder(null, wh.root()).ifPresent(h -> out.println("Being written now by "
        + h.describe() + ": the figures below are the last committed ones."));
    SparkSession spark = common.spark();
    if (!wh.exists(spark, Warehouse.SILVER, "submissions")) {
      out.println("The warehouse at " + wh.root() + " holds no ingested period yet (run jifen ingest).");
      return ExitCodes.OK;
    }
    Dataset<Row> subs = filter(wh.read(spark, Warehouse.SILVER, "submissions"));
    List<String> periods = subs.select("period").distinct().orderBy("period").as(Encoders.STRING()).collectAsList();
    out.println("Warehouse " + wh.root() + ": " + periods.size() + " period(s)");

    Dataset<Row> members = filter(wh.read(spark, Warehouse.SILVER, "members"));
    Dataset<Row> entries = filter(wh.read(spark, Warehouse.SILVER, "entries"));
    Dataset<Row> quarantine = filter(wh.read(spark, Warehouse.QUARANTINE, "rows"));
    List<Row> m = members.groupBy("period").agg(count(lit(1)),
        sum(when(col("standing").notEqual("入党积极分子"), 1).otherwise(0))).collectAsList();
    List<Row> e = entries.groupBy("period").agg(count(lit(1))).collectAsList();
    List<Row> q = quarantine.groupBy("period").agg(
        sum(when(col("ledger_status").equalTo("rejected"), 1).otherwise(0)),
        sum(when(col("ledger_status").notEqual("rejected"), 1).otherwise(0))).collectAsList();
    List<Row> s = subs.groupBy("period").agg(count(lit(1)),
        sum(when(col("status").equalTo("on_time"), 1).otherwise(0)),
        sum(when(col("status").equalTo("late"), 1).otherwise(0)),
        sum(when(col("status").equalTo("missing"), 1).otherwise(0)),
        sum(when(col("status").equalTo("returned"), 1).otherwise(0))).collectAsList();
    TextTable t = new TextTable("period", "branches expected", "on time", "late", "missing", "returned", "roster rows",
        "party members", "entries", "files rejected", "rows quarantined");
    for (String p : periods) {
      Row sr = find(s, p);
      Row mr = find(m, p);
      Row er = find(e, p);
      Row qr = find(q, p);
      t.row(p, sr.get(1), sr.get(2), sr.get(3), sr.get(4), sr.get(5), mr == null ? 0 : mr.get(1), mr == null ? 0 : mr.get(2),
          er == null ? 0 : er.get(1), qr == null ? 0 : qr.get(1), qr == null ? 0 : qr.get(2));
    }
    t.print(out);
    IngestSummary.printSubmissions(out, spark, wh, periods, Integer.MAX_VALUE);

    out.println("\nQuarantine by period and reason");
    TextTable qt = new TextTable("period", "reason", "count");
    for (Row r : quarantine.groupBy("period", "reason_code").agg(count(lit(1))).orderBy("period", "reason_code")
        .collectAsList()) {
      qt.row(r.get(0), r.get(1), r.get(2));
    }
    qt.print(out);

    List<Row> conflicts = quarantine.filter(col("reason_code").equalTo("MEMBER_CONFLICT"))
        .groupBy("period", "raw_value").agg(org.apache.spark.sql.functions.array_join(
            org.apache.spark.sql.functions.array_sort(org.apache.spark.sql.functions.collect_set("branch_code")),
            ", "), countDistinct("ledger_id"), count(lit(1)))
        .orderBy("period", "raw_value").collectAsList();
    out.println("\nMember conflicts (a member on two branches' rosters in one quarter; counted nowhere until resolved)");
    if (conflicts.isEmpty()) {
      out.println("  none");
    } else {
      TextTable ct = new TextTable("period", "党员编号", "branches", "ledgers", "rows held");
      for (Row r : conflicts) {
        ct.row(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4));
      }
      ct.print(out);
    }
    printIdFindings(out, members);
    printFileWarnings(out, spark, wh, periods);
    if (listQuarantine) {
      out.println("\nQuarantined files and rows");
      for (Row r : quarantine.orderBy("period", "source_file", "sheet", "row_num")
          .select("reason_code", "message").collectAsList()) {
        out.println("  [" + r.getString(0) + "] " + r.getString(1));
      }
    }
    return ExitCodes.OK;
  }

  /**
   * Files taken with a warning: the file name names another branch than the cover (silver ledgers,
   * FILE_NAME_BRANCH), and sheets that are not ledger sheets (the ingest log: their rows are kept in
   * bronze, never used).
   */
  public static void printFileWarnings(PrintWriter out, SparkSession spark, Warehouse wh, List<String> periods) {
    List<String> lines = new java.util.ArrayList<>();
    Dataset<Row> ledgers = wh.read(spark, Warehouse.SILVER, "ledgers").filter(col("period").isin(periods.toArray()));
    if (java.util.Arrays.asList(ledgers.columns()).contains("warning_code")) {
      for (Row r : ledgers.filter(col("warning_code").isNotNull()).orderBy("period", "source_file")
          .select("period", "warning_code", "warning_message", "status").collectAsList()) {
        lines.add(r.getString(0) + " [" + r.getString(1) + "] " + r.getString(2)
            + ("superseded".equals(r.getString(3)) ? " (a superseded version)" : ""));
      }
    }
    if (wh.exists(spark, Warehouse.META, "ingest_log")) {
      Dataset<Row> log = wh.read(spark, Warehouse.META, "ingest_log");
      if (java.util.Arrays.asList(log.columns()).contains("rows_not_ledger")) {
        for (Row r : log.filter(col("period").isin(periods.toArray()).and(col("rows_not_ledger").gt(0))
                .and(col("outcome").notEqual("duplicate")))
            .groupBy("period", "source_file").agg(org.apache.spark.sql.functions.max("rows_not_ledger"),
                org.apache.spark.sql.functions.max("other_sheets"))
            .orderBy("period", "source_file").collectAsList()) {
          lines.add(r.getString(0) + " [NOT_A_LEDGER_SHEET] " + r.getString(1) + ": " + r.getLong(2)
              + " row(s) on sheet(s) " + r.getString(3) + ", which are not ledger sheets: kept in bronze, not used");
        }
      }
    }
    out.println("\nFiles taken with a warning");
    if (lines.isEmpty()) {
      out.println("  none");
    } else {
      lines.forEach(l -> out.println("  " + l));
    }
  }

  /**
   * Data-quality findings on national IDs, from silver's salted hashes (the IDs stay in bronze): an
   * ID whose check digit is wrong (GB 11643), and one ID on two or more member codes.
   */
  public static void printIdFindings(PrintWriter out, Dataset<Row> members) {
    if (!java.util.Arrays.asList(members.columns()).contains("id_status")) {
      return;
    }
    List<Row> invalid = members.filter(col("id_status").equalTo(org.jifen.ingest.NationalIds.INVALID))
        .groupBy("period", "branch_code").agg(count(lit(1))).orderBy("period", "branch_code").collectAsList();
    List<Row> shared = members.filter(col("id_hash").isNotNull())
        .groupBy("period", "id_hash").agg(countDistinct("member_code").as("codes"),
            org.apache.spark.sql.functions.array_join(org.apache.spark.sql.functions.array_sort(
                org.apache.spark.sql.functions.collect_set("branch_code")), ", ").as("branches"))
        .filter(col("codes").gt(1)).groupBy("period", "branches").agg(count(lit(1)))
        .orderBy("period", "branches").collectAsList();
    out.println("\nNational ID findings (身份证号; silver keeps only a salted hash and whether the ID is valid)");
    if (invalid.isEmpty() && shared.isEmpty()) {
      out.println("  none");
      return;
    }
    TextTable t = new TextTable("period", "finding", "branches", "count");
    for (Row r : invalid) {
      t.row(r.get(0), "check digit wrong (GB 11643)", r.get(1), r.get(2));
    }
    for (Row r : shared) {
      t.row(r.get(0), "one ID on two or more member codes", r.get(1), r.get(2));
    }
    t.print(out);
  }

  private Dataset<Row> filter(Dataset<Row> df) {
    return period == null ? df : df.filter(col("period").equalTo(period));
  }

  private static Row find(List<Row> rows, String p) {
    for (Row r : rows) {
      if (p.equals(r.getString(0))) {
        return r;
      }
    }
    return null;
  }

}
