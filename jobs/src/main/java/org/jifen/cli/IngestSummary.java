package org.jifen.cli;

import static org.apache.spark.sql.functions.col;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jifen.ingest.IngestJob;
import org.jifen.read.Rec;
import org.jifen.read.WarehouseSql;
import org.jifen.spark.Warehouse;

/** Prints what an ingest run did: the reconciliation table, quarantine and submissions. */
final class IngestSummary {
  /** Above this many files the reconciliation table lists only files that were not simply accepted. */
  static final int FULL_TABLE_MAX_FILES = 80;
  /** Late and missing branches listed per period in run summaries. */
  static final int DETAIL_MAX = 15;

  private IngestSummary() {}

  static void print(PrintWriter out, IngestJob.Result r) {
    out.printf("%nBatch %s: %d file(s); periods recomputed: %s%n", r.batchId(), r.files().size(),
        r.periods().isEmpty() ? "none (nothing new)" : String.join(", ", r.periods()));
    boolean full = r.files().size() <= FULL_TABLE_MAX_FILES;
    TextTable t = new TextTable("period", "file", "branch", "版本", "outcome", "read", "accepted", "quarantined",
        "not a ledger sheet", "reconciles");
    long read = 0;
    long acc = 0;
    long quar = 0;
    long other = 0;
    List<String> notes = new java.util.ArrayList<>();
    for (IngestJob.FileReport f : r.files()) {
      read += f.read();
      acc += f.accepted();
      quar += f.quarantined();
      other += f.notLedger();
      boolean plain = ("current".equals(f.outcome()) || "duplicate".equals(f.outcome())) && f.quarantined() == 0
          && f.notLedger() == 0 && f.warningCode() == null;
      if (full || !plain) {
        t.row(f.period(), f.sourceFile(), f.branchCode(), f.version(),
            f.problemCode() == null ? f.outcome() : f.outcome() + " (" + f.problemCode() + ")",
            f.read(), f.accepted(), f.quarantined(), f.notLedger(), f.reconciles() ? "yes" : "NO");
      }
      if (f.notLedger() > 0) {
        notes.add("[NOT_A_LEDGER_SHEET] " + f.sourceFile() + ": " + f.notLedger() + " row(s) on sheet(s) "
            + f.otherSheets() + ", which are not ledger sheets: kept in bronze, not used");
      }
      if (f.warningCode() != null) {
        notes.add("[" + f.warningCode() + "] " + f.warningMessage());
      }
    }
    t.row("total", r.files().size() + " files", "", "", "", read, acc, quar, other,
        read == acc + quar + other ? "yes" : "NO");
    out.println("\nReconciliation (rows read = accepted + quarantined + not a ledger sheet; cover lines not counted)"
        + (full ? "" : ", files with something to report:"));
    t.print(out);
    if (!notes.isEmpty()) {
      out.println("\nWarnings (the files were still taken by their cover; see jifen status)");
      notes.forEach(n -> out.println("  " + n));
    }
    if (r.quarantineByReason().isEmpty()) {
      out.println("\nQuarantine: nothing quarantined in this batch.");
    } else {
      out.println("\nQuarantine in this batch, by reason (details: jifen status --quarantine)");
      TextTable q = new TextTable("reason", "count");
      for (Map.Entry<String, Long> e : r.quarantineByReason().entrySet()) {
        q.row(e.getKey(), e.getValue());
      }
      q.print(out);
    }
  }

  /** Per period: branches on time, late and missing, with the late and missing ones named. */
  static void printSubmissions(PrintWriter out, SparkSession spark, Warehouse wh, List<String> periods, int limit) {
    try (WarehouseSql sql = WarehouseSql.open(wh, () -> spark, null, StatusCommand.TABLES)) {
      printSubmissions(out, sql, periods, limit);
    }
  }

  /** The same from the views {@code submissions} and {@code orgs}. */
  static void printSubmissions(PrintWriter out, WarehouseSql sql, List<String> periods, int limit) {
    if (periods.isEmpty() || !sql.exists("submissions")) {
      return;
    }
    java.util.Set<String> wanted = new java.util.HashSet<>(periods);
    List<Rec> rows = sql.rows("select s.period, s.branch_code, o.org_name, s.status from submissions s "
        + "join orgs o on s.branch_code = o.org_code order by s.period, s.status, s.branch_code")
        .stream().filter(r -> wanted.contains(r.str(0))).toList();
    out.println("\nSubmissions (deadline: 23:59:59 UTC+8 on the configured day after quarter end)");
    TextTable t = new TextTable("period", "expected", "on time", "late", "missing", "returned", "submission rate");
    List<String> details = new java.util.ArrayList<>();
    for (String p : periods) {
      long on = 0;
      long late = 0;
      long missing = 0;
      long returned = 0;
      for (Rec r : rows) {
        if (!p.equals(r.str(0))) {
          continue;
        }
        switch (r.str(3)) {
          case "on_time" -> on++;
          case "late" -> late++;
          // every file of the branch rejected whole: not a submission either, but told apart (报送被退回)
          case "returned" -> returned++;
          default -> missing++;
        }
        if (!"on_time".equals(r.str(3)) && details.stream().filter(d -> d.startsWith(p)).count() < limit) {
          details.add(p + "  " + String.format("%-8s", r.str(3)) + " " + r.str(1)
              + "  " + r.str(2));
        }
      }
      long expected = on + late + missing + returned;
      t.row(p, expected, on, late, missing, returned,
          expected == 0 ? "" : String.format("%.1f%%", 100.0 * (on + late) / expected));
    }
    t.print(out);
    if (!details.isEmpty()) {
      out.println(limit == Integer.MAX_VALUE ? "Late, missing and returned branches:"
          : "Late, missing and returned branches (at most " + limit + " per period; all: jifen status):");
      details.forEach(d -> out.println("  " + d));
    }
  }
}