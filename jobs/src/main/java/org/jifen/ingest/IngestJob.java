package org.jifen.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.jifen.scheme.ItemRule;
import org.jifen.spark.DeltaTables;
import org.jifen.spark.Parallel;
import org.jifen.spark.Progress;
import org.jifen.spark.SqlFiles;
import org.jifen.spark.Warehouse;
import org.jifen.spark.WarehouseLease;

/**
 * Ingests branch ledger exports from an inbox into the warehouse: bronze (rows as read, with
 * lineage), silver (conformed, typed, current versions), quarantine (located rejections) and the
 * ingest log (one row per file per batch, written last: a batch is committed when its log rows
 * are). Files are fingerprinted and parsed in Spark tasks; silver and quarantine are recomputed
 * per affected period from bronze, so versions, conflicts and submissions always see every ledger
 * of the quarter.
 *
 * <p>Usage: {@code jifen ingest --orgs orgs.xlsx --inbox inbox [--period 2025Q2]}.
 */
public final class IngestJob {

  static final String BRONZE_FILES = "ledger_files";
  static final String BRONZE_ROWS = "ledger_rows";
  static final String INGEST_LOG = "ingest_log";
  static final String QUARANTINE_ROWS = "rows";
  /** Silver tables recomputed per period, in write order. */
  static final List<String> SILVER_PERIOD_TABLES =
      List.of("members", "entries", "evaluations", "actions", "ledgers", "submissions");

  /** Ingest log layout. */
  static final StructType LOG_SCHEMA = new StructType()
      .add("batch_id", DataTypes.StringType, false)
      .add("logged_at", DataTypes.TimestampType, false)
      .add("period", DataTypes.StringType, false)
      .add("source_file", DataTypes.StringType, false)
      .add("file_sha256", DataTypes.StringType, false)
      .add("branch_code", DataTypes.StringType, true)
      .add("version", DataTypes.IntegerType, true)
      .add("received_at", DataTypes.TimestampType, true)
      .add("outcome", DataTypes.StringType, false)
      .add("rows_read", DataTypes.LongType, false)
      .add("rows_accepted", DataTypes.LongType, false)
      .add("rows_quarantined", DataTypes.LongType, false)
      .add("problem_code", DataTypes.StringType, true)
      // Added later (the log's schema grows on append; older rows read null).
      .add("rows_not_ledger", DataTypes.LongType, true)
      .add("other_sheets", DataTypes.StringType, true)
      .add("warning_code", DataTypes.StringType, true)
      .add("warning_message", DataTypes.StringType, true);

  /**
   * What to ingest.
   *
   * @param orgsFile the org tree (xlsx or CSV)
   * @param inbox folder with one subfolder per period
   * @param period only this quarter or year, or null for every period folder
   * @param received received times (file times unless overridden)
   * @param deadlineDays days after quarter end a ledger is due
   * @param rules the scheme rules in force for a year
   * @param followLinks follow symbolic links in the inbox
   * @param textLimits the longest text accepted per column
   */
  public record Options(String orgsFile, String inbox, String period, ReceivedTimes received, int deadlineDays,
      IntFunction<SchemeRules> rules, boolean followLinks, TextLimits textLimits) {
    /** Options that do not follow symbolic links in the inbox (the default), with the default text limits. */
    public Options(String orgsFile, String inbox, String period, ReceivedTimes received, int deadlineDays,
        IntFunction<SchemeRules> rules) {
      this(orgsFile, inbox, period, received, deadlineDays, rules, false, TextLimits.DEFAULTS);
    }
  }

  /**
   * One file of the batch: what became of its rows.
   *
   * @param read data rows read from every sheet but the cover
   * @param notLedger rows of sheets that are not ledger sheets (named in {@code otherSheets}): kept in
   *     bronze, never used
   * @param warningCode a finding that did not stop the file (e.g. {@code FILE_NAME_BRANCH}), or null
   */
  public record FileReport(String period, String sourceFile, String sha256, Timestamp receivedAt, String branchCode,
      Integer version, String outcome, long read, long accepted, long quarantined, long notLedger, String otherSheets,
      String problemCode, String warningCode, String warningMessage) {
    public boolean reconciles() {
      return read == accepted + quarantined + notLedger;
    }
  }

  /**
   * The outcome of one run.
   *
   * @param batchId id of the batch (also in bronze and the ingest log)
   * @param periods periods whose silver was recomputed
   * @param files the batch's files, new and duplicate
   * @param quarantineByReason rows and files quarantined in the batch's files, by reason code
   * @param reconciled whether every file of the recomputed periods reconciles
   */
  public record Result(String batchId, List<String> periods, List<FileReport> files,
      Map<String, Long> quarantineByReason, boolean reconciled) {
    /** True when some input of this batch was quarantined or rejected. */
    public boolean hasDataErrors() {
      return !quarantineByReason.isEmpty();
    }
  }

  /** Thrown when rows read ≠ accepted + quarantined for some file; nothing was committed. */
  public static final class ReconciliationException extends IllegalStateException {
    public ReconciliationException(String message) {
      super(message);
    }
  }

  private final SparkSession spark;
  private final Warehouse wh;

  public IngestJob(SparkSession spark, Warehouse wh) {
    this.spark = spark;
    this.wh = wh;
  }

  /**
   * Runs one ingest batch under the warehouse's lease (joining the one this JVM already holds, as
   * in {@code jifen run}); refused with {@link WarehouseLease.BusyException} while another writer holds it.
   */
  public Result run(Options o, Progress progress) throws IOException {
    Configuration hconf = spark.sparkContext().hadoopConfiguration();
    try (WarehouseLease lease = WarehouseLease.acquire(hconf, wh.root(), "ingest", java.time.Duration.ZERO)) {
      Result r = run(o, progress, hconf, lease.recoveryNeeded());
      lease.succeeded();
      return r;
    }
  }

  private Result run(Options o, Progress progress, Configuration hconf, boolean recover) throws IOException {
    long batchSeq = System.currentTimeMillis();
    String batchId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
        .format(Instant.ofEpochMilli(batchSeq).atOffset(ZoneOffset.UTC));
    Timestamp now = new Timestamp(batchSeq);
    ConformFunctions.register(spark);
    NationalIds.register(spark, org.jifen.mart.MartSecret.loadOrCreate(wh.file(org.jifen.mart.MartSecret.FILE), hconf));

    progress.step("Reading the org tree");
    OrgTree tree = OrgTree.load(hconf, o.orgsFile());
    Dataset<Row> orgs = tree.toDataFrame(spark);
    boolean treeChanged = !wh.exists(spark, Warehouse.SILVER, "orgs")
        || wh.read(spark, Warehouse.SILVER, "orgs").filter(col("tree_sha256").equalTo(tree.sha256())).isEmpty();

    org.jifen.spark.WarehouseUpgrade.run(spark, wh);
    Set<String> unfinished = Set.of();
    if (recover) {
      // The last writer did not end normally, and holding the lease proves it is gone.
      progress.step("Recovering from unfinished batches");
      unfinished = purgeUncommitted();
    }

    progress.step("Scanning the inbox");
    List<InboxFile> found = InboxScanner.scan(hconf, o.inbox(), o.period(), o.received(), o.followLinks());
    org.jifen.spark.Sessions.tuneForBatch(spark, found.size());
    List<Row> inboxRows = new ArrayList<>();
    for (InboxFile f : found) {
      inboxRows.add(RowFactory.create(f.period(), f.sourceFile(), f.uri(), f.kind(),
          new Timestamp(f.receivedAtMillis())));
    }
    int parallel = Math.max(1, Math.min(found.size(), spark.sparkContext().defaultParallelism() * 4));
    ParseTasks tasks = new ParseTasks(hconf);

    progress.step("Fingerprinting " + found.size() + " files");
    Dataset<Row> fingerprinted = spark.createDataFrame(inboxRows, BronzeSchema.INBOX)
        .repartition(parallel)
        .mapPartitions(tasks.fingerprint(), Encoders.row(BronzeSchema.FINGERPRINTED))
        .withColumn("copy_no", row_number().over(Window.partitionBy("file_sha256").orderBy("source_file")))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> known = committedFiles();
    Dataset<Row> fresh = fingerprinted.filter(col("copy_no").equalTo(1))
        .join(known, fingerprinted.col("file_sha256").equalTo(known.col("known_sha256")), "left_anti")
        .drop("copy_no");
    Dataset<Row> duplicates = fingerprinted.join(fresh.select(col("source_file").as("fresh_file")),
        col("source_file").equalTo(col("fresh_file")), "left_anti");
    List<String> newPeriods = fresh.select("inbox_period").distinct().as(Encoders.STRING()).collectAsList();
    TreeSet<String> periods = new TreeSet<>(newPeriods);
    periods.addAll(unfinished); // silver of an unfinished batch is recomputed from committed bronze
    if (treeChanged && wh.exists(spark, Warehouse.BRONZE, BRONZE_FILES)) {
      periods.addAll(wh.read(spark, Warehouse.BRONZE, BRONZE_FILES).select("inbox_period").distinct()
          .as(Encoders.STRING()).collectAsList());
    }

    if (!newPeriods.isEmpty()) {
      progress.step("Parsing new files");
      Dataset<Row> parsed = fresh.repartition(parallel)
          .flatMap(tasks.parse(), Encoders.row(BronzeSchema.PARSED))
          .persist(StorageLevel.MEMORY_AND_DISK());
      progress.step("Writing bronze");
      writeBronze(parsed, batchId, batchSeq, now);
      parsed.unpersist();
    }

    List<FileReport> reports = new ArrayList<>();
    Map<String, Long> byReason = new TreeMap<>();
    boolean reconciled = true;
    if (!periods.isEmpty()) {
      progress.step("Conforming " + String.join(", ", periods));
      Conformed c = conform(orgs, periods, o);
      progress.step("Reconciling");
      List<Row> recon = c.reconciliation.collectAsList();
      List<String> broken = new ArrayList<>();
      for (Row r : recon) {
        FileReport fr = report(r);
        if (!fr.reconciles()) {
          broken.add(fr.sourceFile() + ": read " + fr.read() + " != accepted " + fr.accepted()
              + " + quarantined " + fr.quarantined() + " + not a ledger sheet " + fr.notLedger());
        }
        if (batchId.equals(r.getAs("batch_id"))) {
          reports.add(fr);
        }
      }
      if (!broken.isEmpty()) {
        throw new ReconciliationException("Reconciliation failed; nothing was committed for this batch:\n  "
            + String.join("\n  ", broken));
      }
      for (Row r : c.quarantine.filter(col("batch_id").equalTo(batchId))
          .groupBy("reason_code").agg(count(lit(1)).as("n")).collectAsList()) {
        byReason.put(r.getString(0), r.getLong(1));
      }
      progress.step("Writing silver and quarantine");
      // One commit per table, written side by side; the batch is committed by the ingest log below.
      List<Runnable> writes = new ArrayList<>();
      if (treeChanged) {
        writes.add(() -> DeltaTables.overwrite(orgs, wh.path(Warehouse.SILVER, "orgs")));
      }
      for (String t : SILVER_PERIOD_TABLES) {
        writes.add(() -> DeltaTables.replacePeriods(c.silver.get(t), wh.path(Warehouse.SILVER, t), periods));
      }
      writes.add(() -> DeltaTables.replacePeriods(c.quarantine, wh.path(Warehouse.QUARANTINE, QUARANTINE_ROWS),
          periods));
      Parallel.runAll(spark, writes);
      c.release();
    } else if (treeChanged) {
      DeltaTables.overwrite(orgs, wh.path(Warehouse.SILVER, "orgs"));
    }

    progress.step("Committing the batch");
    for (Row r : duplicates.collectAsList()) {
      reports.add(new FileReport(r.getAs("inbox_period"), r.getAs("source_file"), r.getAs("file_sha256"),
          r.getAs("received_at"), null, null, "duplicate", 0, 0, 0, 0, null, null, null, null));
    }
    reports.sort((a, b) -> (a.period() + a.sourceFile()).compareTo(b.period() + b.sourceFile()));
    writeLog(batchId, batchSeq, now, reports);
    fingerprinted.unpersist();
    progress.close();
    return new Result(batchId, List.copyOf(periods), reports, byReason, reconciled);
  }

  private static FileReport report(Row r) {
    return new FileReport(r.getAs("period"), r.getAs("source_file"), r.getAs("file_sha256"), r.getAs("received_at"),
        r.getAs("branch_code"), r.getAs("version"),
        r.getAs("outcome"), r.getAs("rows_read"), r.getAs("rows_accepted"), r.getAs("rows_quarantined"),
        r.getAs("rows_not_ledger"), r.getAs("other_sheets"), r.getAs("problem_code"), r.getAs("warning_code"),
        r.getAs("warning_message"));
  }

  /** Hashes of files a committed batch already ingested (accepted or rejected). */
  private Dataset<Row> committedFiles() {
    if (!wh.exists(spark, Warehouse.META, INGEST_LOG)) {
      return spark.createDataFrame(List.of(), new StructType().add("known_sha256", DataTypes.StringType));
    }
    return wh.read(spark, Warehouse.META, INGEST_LOG).filter(col("outcome").notEqual("duplicate"))
        .select(col("file_sha256").as("known_sha256")).distinct();
  }

  /**
   * Rolls back what a batch that never committed its ingest log left behind (its writer crashed):
   * deletes its bronze rows, and returns the periods whose silver or quarantine it may already have
   * replaced (its files' periods, and periods holding its ledgers or quarantined rows), which this
   * run then recomputes from committed bronze.
   */
  private Set<String> purgeUncommitted() {
    Set<String> committed = new TreeSet<>(wh.exists(spark, Warehouse.META, INGEST_LOG)
        ? wh.read(spark, Warehouse.META, INGEST_LOG).select("batch_id").distinct().as(Encoders.STRING()).collectAsList()
        : List.of());
    Set<String> periods = new TreeSet<>();
    List<String[]> written = List.of(new String[] {Warehouse.BRONZE, BRONZE_FILES, "inbox_period"},
        new String[] {Warehouse.SILVER, "ledgers", "period"}, new String[] {Warehouse.QUARANTINE, QUARANTINE_ROWS, "period"});
    for (String[] t : written) {
      if (!wh.exists(spark, t[0], t[1])) {
        continue;
      }
      Dataset<Row> df = wh.read(spark, t[0], t[1]);
      Column uncommitted = committed.isEmpty() ? lit(true) : not(col("batch_id").isin(committed.toArray()));
      periods.addAll(df.filter(uncommitted).select(t[2]).distinct().as(Encoders.STRING()).collectAsList());
    }
    for (String t : List.of(BRONZE_FILES, BRONZE_ROWS)) {
      if (!wh.exists(spark, Warehouse.BRONZE, t)) {
        continue;
      }
      List<String> orphans = new ArrayList<>(wh.read(spark, Warehouse.BRONZE, t).select("batch_id").distinct()
          .as(Encoders.STRING()).collectAsList());
      orphans.removeAll(committed);
      if (!orphans.isEmpty()) {
        io.delta.tables.DeltaTable.forPath(spark, wh.path(Warehouse.BRONZE, t))
            .delete(col("batch_id").isin(orphans.toArray()));
      }
    }
    return periods;
  }

  private void writeBronze(Dataset<Row> parsed, String batchId, long batchSeq, Timestamp now) {
    Column batch = lit(batchId).as("batch_id");
    Column at = lit(now).as("ingested_at");
    Dataset<Row> rowCounts = parsed.filter(col("record_type").equalTo("row").and(col("sheet").notEqual("封面")))
        .groupBy(col("file_sha256").as("sha")).agg(count(lit(1)).as("data_rows"));
    Dataset<Row> files = parsed.filter(col("record_type").equalTo("file"))
        .join(rowCounts, col("file_sha256").equalTo(col("sha")), "left")
        .select(batch, col("inbox_period"), col("source_file"), col("file_uri"), col("file_sha256"),
            col("received_at"), col("file_format"), col("encoding"), col("size_bytes"), col("problem_code"),
            col("problem_message"), col("problem_sheet"), col("problem_row"), col("problem_column"),
            org.apache.spark.sql.functions.coalesce(col("data_rows"), lit(0L)).as("data_rows"), at);
    Dataset<Row> rows = parsed.filter(col("record_type").equalTo("row"))
        .select(batch, col("inbox_period"), col("source_file"), col("file_sha256"), col("received_at"),
            col("sheet"), col("row_num"), col("fields"), at);
    // Side by side; the parsed rows are cached, and a partition two jobs need is parsed once (the
    // block manager's lock makes the second job wait for the first).
    Parallel.runAll(spark, List.of(
        () -> DeltaTables.append(rows, wh.path(Warehouse.BRONZE, BRONZE_ROWS), "jifen-bronze-rows", batchSeq,
            "inbox_period"),
        () -> DeltaTables.append(files, wh.path(Warehouse.BRONZE, BRONZE_FILES), "jifen-bronze-files", batchSeq,
            "inbox_period")));
  }

  /** The conform step's results for a set of periods, materialised (local checkpoints) once. */
  private static final class Conformed {
    final Map<String, Dataset<Row>> silver = new LinkedHashMap<>();
    Dataset<Row> quarantine;
    Dataset<Row> reconciliation;
    final List<Dataset<Row>> cached = new ArrayList<>();

    void release() {
      cached.forEach(Dataset::unpersist);
    }
  }

  private Conformed conform(Dataset<Row> orgs, TreeSet<String> periods, Options o) {
    Conformed c = new Conformed();
    Column inPeriods = col("inbox_period").isin(periods.toArray());
    orgs.createOrReplaceTempView("orgs");
    wh.read(spark, Warehouse.BRONZE, BRONZE_FILES).filter(inPeriods).createOrReplaceTempView("bronze_files");
    wh.read(spark, Warehouse.BRONZE, BRONZE_ROWS).filter(inPeriods)
        .withColumn("over_limit", org.apache.spark.sql.functions.expr(o.textLimits().overLimitSql()))
        .createOrReplaceTempView("bronze_rows");
    spark.createDataFrame(periods.stream().map(p -> RowFactory.create(p)).toList(),
        new StructType().add("period", DataTypes.StringType)).createOrReplaceTempView("conform_periods");
    registerSchemeViews(periods, o.rules());

    // Each staging view is materialised once (later steps read it several times, and a cut lineage
    // keeps their plans small). Ledgers and rosters come first; the other four only need those two
    // and are materialised side by side, as are the silver tables and the quarantine after them.
    for (List<String> group : List.of(List.of("stg_ledgers"), List.of("stg_roster"),
        List.of("stg_entries", "stg_evaluations", "stg_actions", "stg_conflicts"))) {
      List<Parallel.Task<Dataset<Row>>> tasks = new ArrayList<>();
      for (String stage : group) {
        tasks.add(() -> SqlFiles.run(spark, "staging", stage, Map.of()).localCheckpoint(true));
      }
      List<Dataset<Row>> done = Parallel.run(spark, tasks);
      for (int i = 0; i < group.size(); i++) {
        done.get(i).createOrReplaceTempView(group.get(i));
        c.cached.add(done.get(i));
      }
    }
    spark.createDataFrame(List.of(RowFactory.create(o.deadlineDays())),
        new StructType().add("deadline_days", DataTypes.IntegerType)).createOrReplaceTempView("conform_params");
    List<Parallel.Task<Dataset<Row>>> tasks = new ArrayList<>();
    tasks.add(() -> SqlFiles.run(spark, "quarantine", "quarantine", Map.of())
        .withColumn("quarantined_at", org.apache.spark.sql.functions.current_timestamp())
        .localCheckpoint(true));
    for (String t : SILVER_PERIOD_TABLES) {
      tasks.add(() -> SqlFiles.run(spark, "silver", t, Map.of()).localCheckpoint(true));
    }
    List<Dataset<Row>> done = Parallel.run(spark, tasks);
    c.quarantine = done.get(0);
    c.cached.add(c.quarantine);
    c.quarantine.createOrReplaceTempView("conformed_quarantine");
    for (int i = 0; i < SILVER_PERIOD_TABLES.size(); i++) {
      Dataset<Row> df = done.get(i + 1);
      c.silver.put(SILVER_PERIOD_TABLES.get(i), df);
      c.cached.add(df);
      df.createOrReplaceTempView("conformed_" + SILVER_PERIOD_TABLES.get(i));
    }
    c.reconciliation = SqlFiles.run(spark, "meta", "reconciliation", Map.of());
    return c;
  }

  private void registerSchemeViews(TreeSet<String> periods, IntFunction<SchemeRules> rules) {
    List<Row> items = new ArrayList<>();
    List<Row> grades = new ArrayList<>();
    for (int year : periods.stream().map(p -> Integer.parseInt(p.substring(0, 4))).distinct().toList()) {
      SchemeRules r = rules.apply(year);
      for (ItemRule i : r.items()) {
        List<BigDecimal> fixed = i.fixedPoints().stream().map(b -> b.setScale(ConformFunctions.POINTS_SCALE)).toList();
        items.add(RowFactory.create(year, i.code(), i.name(), i.kind(), i.sign(),
            scala.jdk.javaapi.CollectionConverters.asScala(fixed).toSeq()));
      }
      for (String g : r.evaluationGrades().isEmpty() ? SchemeRules.STANDARD_GRADES : r.evaluationGrades()) {
        grades.add(RowFactory.create(year, g));
      }
    }
    spark.createDataFrame(items, new StructType()
            .add("year", DataTypes.IntegerType).add("code", DataTypes.StringType)
            .add("name", DataTypes.StringType).add("kind", DataTypes.StringType)
            .add("sign", DataTypes.IntegerType)
            .add("fixed_points", DataTypes.createArrayType(DataTypes.createDecimalType(
                ConformFunctions.POINTS_PRECISION, ConformFunctions.POINTS_SCALE))))
        .createOrReplaceTempView("scheme_items");
    spark.createDataFrame(grades, new StructType().add("year", DataTypes.IntegerType)
        .add("grade", DataTypes.StringType)).createOrReplaceTempView("scheme_grades");
  }

  private void writeLog(String batchId, long batchSeq, Timestamp now, List<FileReport> reports) {
    List<Row> rows = new ArrayList<>();
    for (FileReport f : reports) {
      rows.add(RowFactory.create(batchId, now, f.period(), f.sourceFile(), f.sha256(), f.branchCode(),
          f.version(), f.receivedAt(), f.outcome(), f.read(), f.accepted(), f.quarantined(), f.problemCode(),
          f.notLedger(), f.otherSheets(), f.warningCode(), f.warningMessage()));
    }
    if (rows.isEmpty()) {
      return;
    }
    DeltaTables.append(spark.createDataFrame(rows, LOG_SCHEMA), wh.path(Warehouse.META, INGEST_LOG),
        "jifen-ingest-log", batchSeq);
  }
}
