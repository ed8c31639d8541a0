package org.jifen.loop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.jifen.read.Rec;
import org.jifen.read.WarehouseSql;
import org.jifen.score.SilverInputs;
import org.jifen.spark.Warehouse;

/**
 * Reads from the warehouse what the ledger templates of a quarter are built from: the active 党支部
 * of the district or of one unit ({@code sql/loop/template_branches.sql}) and each one's roster
 * ({@code sql/loop/template_roster.sql}: its latest accepted roster before the quarter, without
 * the members who moved on to another branch since). Reads through {@link WarehouseSql} (DuckDB on
 * a local warehouse: no Spark session).
 */
public final class TemplateInputs {
  private TemplateInputs() {}

  /** The views the templates are read from: silver {@code orgs} and {@code members}. */
  public static final List<WarehouseSql.Table> TABLES = List.of(
      new WarehouseSql.Table("orgs", Warehouse.SILVER, "orgs"),
      new WarehouseSql.Table("members", Warehouse.SILVER, "members", SilverInputs.MEMBERS_SCHEMA));

  /**
   * A branch with the roster its template is pre-filled with.
   *
   * @param rosterPeriod the quarter the roster comes from, or null when the branch never had an
   *     accepted ledger (its 名册 starts empty)
   */
  public record BranchRoster(LedgerTemplate.Branch branch, String rosterPeriod, List<LedgerTemplate.Member> members) {}

  /** The same as {@link #read(WarehouseSql, Warehouse, String, String)}, opening the warehouse's latest tables. */
  public static List<BranchRoster> read(Warehouse wh, Supplier<SparkSession> spark, String period, String unit) {
    try (WarehouseSql sql = WarehouseSql.open(wh, spark, null, TABLES)) {
      return read(sql, wh, period, unit);
    }
  }

  /**
   * The branches (ordered by code) and rosters for templates of {@code period}, from the views of
   * {@link #TABLES}.
   *
   * @param unit an organization code: only the active 党支部 at or under it; null for the district
   * @throws IllegalArgumentException when the warehouse has no org tree or the unit is not in it
   */
  public static List<BranchRoster> read(WarehouseSql sql, Warehouse wh, String period, String unit) {
    if (!sql.exists("orgs")) {
      throw new IllegalArgumentException("The warehouse at " + wh.root() + " holds no org tree yet: run jifen ingest first");
    }
    if (unit != null && sql.first("select org_code from orgs where org_code = :unit", Map.of("unit", unit)) == null) {
      throw new IllegalArgumentException("--unit: '" + unit + "' is not an organization code of the org tree");
    }
    Map<String, List<LedgerTemplate.Member>> rosters = new LinkedHashMap<>();
    Map<String, String> rosterPeriods = new LinkedHashMap<>();
    for (Rec r : sql.file("loop", "template_roster", Map.of("period", period))) {
      String branch = r.str("branch_code");
      rosterPeriods.put(branch, r.str("roster_period"));
      rosters.computeIfAbsent(branch, b -> new ArrayList<>()).add(member(r));
    }
    List<BranchRoster> out = new ArrayList<>();
    for (Rec b : sql.file("loop", "template_branches", Map.of("unit", unit == null ? "" : unit))) {
      String code = b.str("branch_code");
      out.add(new BranchRoster(new LedgerTemplate.Branch(code, b.str("branch_name"), b.str("parent_name")),
          rosterPeriods.get(code), rosters.getOrDefault(code, List.of())));
    }
    return out;
  }

  private static LedgerTemplate.Member member(Rec r) {
    Boolean inPm = r.bool("in_points_mgmt");
    return new LedgerTemplate.Member(r.str("member_code"), r.str("name"), r.str("id_status"), r.str("gender"),
        r.date("birth_date"), r.date("join_date"), r.str("standing"), r.str("category"), inPm == null || inPm,
        r.str("exempt_reason"), r.str("party_group"));
  }
}
