package org.jifen.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jifen.read.Rec;
import org.jifen.read.WarehouseSql;
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

  /** The tables status reads. */
  public static final List<WarehouseSql.Table> TABLES = List.of(
      new WarehouseSql.Table("submissions", Warehouse.SILVER, "submissions"),
      new WarehouseSql.Table("orgs", Warehouse.SILVER, "orgs"),
      new WarehouseSql.Table("members", Warehouse.SILVER, "members"),
      new WarehouseSql.Table("entries", Warehouse.SILVER, "entries"),
      new WarehouseSql.Table("ledgers", Warehouse.SILVER, "ledgers"),
      new WarehouseSql.Table("quarantine", Warehouse.QUARANTINE, "rows"),
      new WarehouseSql.Table("ingest_log", Warehouse.META, "ingest_log"));

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Warehouse wh = common.warehouse();
    opennessWarning(wh).ifPresent(out::println);
    org.jifen.spark.WarehouseLease.holder(null, wh.root()).ifPresent(h -> out.println("Being written now by "
        + h.describe() + ": the figures below are the last committed ones."));
    try (WarehouseSql sql = WarehouseSql.open(wh, common::spark, null, TABLES)) {
      return print(out, wh, sql);
    }
  }

  private int print(PrintWriter out, Warehouse wh, WarehouseSql sql) {
    if (!sql.exists("submissions")) {
      out.println("The warehouse at " + wh.root() + " holds no ingested period yet (run jifen ingest).");
      return ExitCodes.OK;
    }
    Map<String, Object> args = new java.util.HashMap<>();
    args.put("period", period);
    String only = " where (:period is null or period = :period)";
    List<String> periods = sql.rows("select distinct period from submissions" + only + " order by period", args)
        .stream().map(r -> r.str(0)).toList();
    out.println("Warehouse " + wh.root() + ": " + periods.size() + " period(s)");

    Map<String, Rec> m = byPeriod(sql.exists("members") ? sql.rows("select period, count(*) as roster, "
        + "sum(case when standing <> '入党积极分子' then 1 else 0 end) as party from members" + only
        + " group by period", args) : List.of());
    Map<String, Rec> e = byPeriod(sql.exists("entries")
        ? sql.rows("select period, count(*) as n from entries" + only + " group by period", args) : List.of());
    boolean quarantined = sql.exists("quarantine");
    Map<String, Rec> q = byPeriod(quarantined ? sql.rows("select period, "
        + "sum(case when ledger_status = 'rejected' then 1 else 0 end) as files, "
        + "sum(case when ledger_status <> 'rejected' then 1 else 0 end) as rows_held from quarantine" + only
        + " group by period", args) : List.of());
    Map<String, Rec> s = byPeriod(sql.rows("select period, count(*) as expected, "
        + "sum(case when status = 'on_time' then 1 else 0 end) as on_time, "
        + "sum(case when status = 'late' then 1 else 0 end) as late, "
        + "sum(case when status = 'missing' then 1 else 0 end) as missing, "
        + "sum(case when status = 'returned' then 1 else 0 end) as returned from submissions" + only
        + " group by period", args));
    TextTable t = new TextTable("period", "branches expected", "on time", "late", "missing", "returned", "roster rows",
        "party members", "entries", "files rejected", "rows quarantined");
    for (String p : periods) {
      Rec sr = s.get(p);
      Rec mr = m.get(p);
      Rec er = e.get(p);
      Rec qr = q.get(p);
      t.row(p, sr.count("expected"), sr.count("on_time"), sr.count("late"), sr.count("missing"),
          sr.count("returned"), mr == null ? 0 : mr.count("roster"), mr == null ? 0 : mr.count("party"),
          er == null ? 0 : er.count("n"), qr == null ? 0 : qr.count("files"), qr == null ? 0 : qr.count("rows_held"));
    }
    t.print(out);
    IngestSummary.printSubmissions(out, sql, periods, Integer.MAX_VALUE);

    out.println("\nQuarantine by period and reason");
    TextTable qt = new TextTable("period", "reason", "count");
    if (quarantined) {
      for (Rec r : sql.rows("select period, reason_code, count(*) as n from quarantine" + only
          + " group by period, reason_code order by period, reason_code", args)) {
        qt.row(r.str(0), r.str(1), r.count("n"));
      }
    }
    qt.print(out);

    out.println("\nMember conflicts (a member on two branches' rosters in one quarter; counted nowhere until resolved)");
    List<Rec> conflicts = quarantined ? sql.rows("select period, raw_value, branch_code, ledger_id from quarantine"
        + only + " and reason_code = 'MEMBER_CONFLICT' order by period, raw_value", args) : List.of();
    if (conflicts.isEmpty()) {
      out.println("  none");
    } else {
      TextTable ct = new TextTable("period", "党员编号", "branches", "ledgers", "rows held");
      Map<List<String>, List<Rec>> groups = new java.util.LinkedHashMap<>();
      for (Rec r : conflicts) {
        groups.computeIfAbsent(java.util.Arrays.asList(r.str(0), r.str(1)), k -> new java.util.ArrayList<>()).add(r);
      }
      groups.forEach((k, rows) -> ct.row(k.get(0), k.get(1), distinctSorted(rows, "branch_code"),
          rows.stream().map(r -> r.str("ledger_id")).filter(java.util.Objects::nonNull).distinct().count(),
          rows.size()));
      ct.print(out);
    }
    if (sql.exists("members")) {
      printIdFindings(out, sql, period);
    }
    printFileWarnings(out, sql, periods);
    if (listQuarantine && quarantined) {
      out.println("\nQuarantined files and rows");
      for (Rec r : sql.rows("select reason_code, message from quarantine" + only
          + " order by period, source_file, sheet, row_num", args)) {
        out.println("  [" + r.str(0) + "] " + r.str(1));
      }
    }
    return ExitCodes.OK;
  }

  /**
   * Files taken with a warning: the file name names another branch than the cover (silver ledgers,
   * FILE_NAME_BRANCH), and sheets that are not ledger sheets (the ingest log: their rows are kept in
   * bronze, never used). Reads the views {@code ledgers} and {@code ingest_log}.
   */
  public static void printFileWarnings(PrintWriter out, WarehouseSql sql, List<String> periods) {
    List<String> lines = new java.util.ArrayList<>();
    java.util.Set<String> wanted = new java.util.HashSet<>(periods);
    if (sql.hasColumn("ledgers", "warning_code")) {
      for (Rec r : sql.rows("select period, warning_code, warning_message, status from ledgers "
          + "where warning_code is not null order by period, source_file")) {
        if (wanted.contains(r.str(0))) {
          lines.add(r.str(0) + " [" + r.str(1) + "] " + r.str(2)
              + ("superseded".equals(r.str(3)) ? " (a superseded version)" : ""));
        }
      }
    }
    if (sql.hasColumn("ingest_log", "rows_not_ledger")) {
      for (Rec r : sql.rows("select period, source_file, max(rows_not_ledger) as n, max(other_sheets) as sheets "
          + "from ingest_log where rows_not_ledger > 0 and outcome <> 'duplicate' "
          + "group by period, source_file order by period, source_file")) {
        if (wanted.contains(r.str(0))) {
          lines.add(r.str(0) + " [NOT_A_LEDGER_SHEET] " + r.str(1) + ": " + r.count("n")
              + " row(s) on sheet(s) " + r.str("sheets") + ", which are not ledger sheets: kept in bronze, not used");
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
   * ID whose check digit is wrong (GB 11643), and one ID on two or more member codes. Reads the view
   * {@code members}; {@code period} null for every period.
   */
  public static void printIdFindings(PrintWriter out, WarehouseSql sql, String period) {
    if (!sql.hasColumn("members", "id_status")) {
      return;
    }
    Map<String, Object> args = new java.util.HashMap<>();
    args.put("period", period);
    args.put("invalid", org.jifen.ingest.NationalIds.INVALID);
    List<Rec> invalid = sql.rows("select period, branch_code, count(*) as n from members "
        + "where (:period is null or period = :period) and id_status = :invalid "
        + "group by period, branch_code order by period, branch_code", args);
    // one ID hash on two or more member codes: its branches, grouped per period
    List<Rec> shared = sql.rows("select m.period, m.id_hash, m.branch_code from members m join ("
        + "select period, id_hash from members where id_hash is not null and (:period is null or period = :period) "
        + "group by period, id_hash having count(distinct member_code) > 1) d "
        + "on d.period = m.period and d.id_hash = m.id_hash order by m.period, m.id_hash", args);
    Map<List<String>, Long> sharedGroups = new java.util.TreeMap<>(java.util.Comparator
        .<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
    Map<List<String>, List<Rec>> byHash = new java.util.LinkedHashMap<>();
    for (Rec r : shared) {
      byHash.computeIfAbsent(java.util.Arrays.asList(r.str(0), r.str(1)), k -> new java.util.ArrayList<>()).add(r);
    }
    byHash.forEach((k, rows) -> sharedGroups.merge(java.util.Arrays.asList(k.get(0),
        distinctSorted(rows, "branch_code")), 1L, Long::sum));
    out.println("\nNational ID findings (身份证号; silver keeps only a salted hash and whether the ID is valid)");
    if (invalid.isEmpty() && sharedGroups.isEmpty()) {
      out.println("  none");
      return;
    }
    TextTable t = new TextTable("period", "finding", "branches", "count");
    for (Rec r : invalid) {
      t.row(r.str(0), "check digit wrong (GB 11643)", r.str(1), r.count("n"));
    }
    sharedGroups.forEach((k, n) -> t.row(k.get(0), "one ID on two or more member codes", k.get(1), n));
    t.print(out);
  }

  /** The distinct non-null values of a column, sorted and joined with ", ". */
  static String distinctSorted(List<Rec> rows, String column) {
    return String.join(", ", new java.util.TreeSet<>(rows.stream().map(r -> r.str(column))
        .filter(java.util.Objects::nonNull).toList()));
  }

  private static Map<String, Rec> byPeriod(List<Rec> rows) {
    Map<String, Rec> out = new java.util.HashMap<>();
    rows.forEach(r -> out.put(r.str(0), r));
    return out;
  }
}
