package org.jifen.mart;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaHistoryManager;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jifen.score.SilverInputs;
import org.jifen.spark.Warehouse;
import org.jifen.stats.ScoreTables;
import scala.Option;

/**
 * The warehouse tables the mart reads, each pinned to one Delta version so that the whole mart
 * comes from one state even while a job commits. Pins come from the Delta log alone, no table data
 * is read: here through Spark's {@link DeltaLog}, for the DuckDB engine through Delta Kernel
 * ({@link DuckDbSources}), with the same time-travel rule.
 */
final class MartSources {
  /**
   * A warehouse table the mart reads: the view name its SQL uses, where it lives, and the schema
   * it reads as while it does not exist yet (null: the mart cannot be built without it).
   */
  record Source(String view, String layer, String table, StructType emptySchema) {
    String name() {
      return layer + "/" + table;
    }

    boolean gold() {
      return Warehouse.GOLD.equals(layer) && emptySchema == null;
    }
  }

  /**
   * A source at its pinned version.
   *
   * @param path the Delta table's location
   * @param version the pinned version, or -1 when the table did not exist (then it reads as empty)
   * @param timestamp the commit time of the pinned version as {@code mart_info} records it, or null
   */
  record Pinned(Source source, String path, long version, String timestamp) {
    boolean exists() {
      return version >= 0;
    }
  }

  private static final List<String> GOLD_TABLES = List.of("org_period_stats", "stats_table", "org_trend",
      "branch_ranking", "watch_lists", "branch_attention");

  /** Every table the mart reads, in the order {@code mart_info} lists them. */
  static final List<Source> ALL;

  static {
    List<Source> all = new ArrayList<>(List.of(
        new Source("src_orgs", Warehouse.SILVER, "orgs", null),
        new Source("src_ledgers", Warehouse.SILVER, "ledgers", new StructType()
            .add("period", DataTypes.StringType).add("year", DataTypes.IntegerType)
            .add("quarter", DataTypes.IntegerType).add("branch_code", DataTypes.StringType)
            .add("ledger_id", DataTypes.StringType).add("source_file", DataTypes.StringType)
            .add("file_format", DataTypes.StringType).add("version", DataTypes.IntegerType)
            .add("received_at", DataTypes.TimestampType).add("status", DataTypes.StringType)),
        new Source("src_members", Warehouse.SILVER, SilverInputs.MEMBERS, SilverInputs.MEMBERS_SCHEMA),
        new Source("src_entries", Warehouse.SILVER, SilverInputs.ENTRIES, SilverInputs.ENTRIES_SCHEMA),
        new Source("src_submissions", Warehouse.SILVER, SilverInputs.SUBMISSIONS,
            SilverInputs.SUBMISSIONS_SCHEMA.add("ledgers", DataTypes.LongType)),
        new Source("src_member_quarter_score", Warehouse.GOLD, ScoreTables.QUARTER, ScoreTables.QUARTER_SCHEMA),
        new Source("src_member_year_score", Warehouse.GOLD, ScoreTables.YEAR, ScoreTables.YEAR_SCHEMA),
        new Source("src_quarantine", Warehouse.QUARANTINE, "rows", new StructType()
            .add("period", DataTypes.StringType).add("source_file", DataTypes.StringType)
            .add("branch_code", DataTypes.StringType).add("sheet", DataTypes.StringType)
            .add("reason_code", DataTypes.StringType).add("ledger_status", DataTypes.StringType))));
    for (String g : GOLD_TABLES) {
      all.add(new Source("src_" + g, Warehouse.GOLD, g, null));
    }
    ALL = List.copyOf(all);
  }

  private MartSources() {}

  /**
   * Pins every source with Spark's Delta log: its latest version, or with {@code asOf} the last
   * commit at or before that time (DOMAIN §7: show what was reported), as Delta's
   * {@code timestampAsOf} reads it. A table that did not exist then reads as empty when it is
   * optional (a warning says so); a missing gold or org table fails with what to run first.
   */
  static List<Pinned> pinWithSpark(SparkSession spark, Warehouse wh, Instant asOf, List<String> warnings) {
    List<Pinned> pinned = new ArrayList<>();
    for (Source s : ALL) {
      String path = wh.path(s.layer(), s.table());
      DeltaLog log = DeltaLog.forTable(spark, path);
      Snapshot latest = log.update(log.update$default$1(), log.update$default$2(), log.update$default$3());
      long version = -1;
      long millis = 0;
      if (latest.version() >= 0 && asOf == null) {
        version = latest.version();
        millis = latest.timestamp();
      } else if (latest.version() >= 0) {
        // A time before the first commit returns the first commit, which is then too late: the
        // table did not exist yet.
        DeltaHistoryManager.Commit c = log.history().getActiveCommitAtTime(Timestamp.from(asOf), Option.empty(),
            true, true, true);
        if (c.timestamp() <= asOf.toEpochMilli()) {
          version = c.version();
          millis = c.timestamp();
        }
      }
      pinned.add(pinned(s, path, version, millis, warnings));
    }
    return pinned;
  }

  /** The pin of a source; for a table that did not exist, a warning or the error saying what to run first. */
  static Pinned pinned(Source s, String path, long version, long commitMillis, List<String> warnings) {
    if (version < 0) {
      if (s.emptySchema() != null) {
        warnings.add(s.name() + " does not exist yet: its mart table is empty");
      } else if (s.gold()) {
        throw new IllegalStateException("gold/" + s.table() + " does not exist yet: run jifen aggregate first");
      } else {
        throw new IllegalStateException(path + " does not exist yet: run jifen ingest first");
      }
      return new Pinned(s, path, -1, null);
    }
    // java.sql.Timestamp's text (local time zone, milliseconds): what mart_info has always recorded.
    return new Pinned(s, path, version, new Timestamp(commitMillis).toString());
  }

  /** One {kind, item, value, detail} row per table read, for {@code mart_info}. */
  static List<String[]> info(List<Pinned> pinned) {
    List<String[]> info = new ArrayList<>();
    for (Pinned p : pinned) {
      if (p.exists()) {
        info.add(new String[] {"source", p.source().name(), String.valueOf(p.version()), p.timestamp()});
      }
    }
    return info;
  }
}
