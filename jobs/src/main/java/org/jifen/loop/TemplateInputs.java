package org.jifen.loop;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.jifen.score.SilverInputs;
import org.jifen.spark.SqlFiles;
import org.jifen.spark.Warehouse;

/**
 * Reads from the warehouse what the ledger templates of a quarter are built from: the active 党支部
 * of the district or of one unit ({@code sql/loop/template_branches.sql}) and each one's roster
 * ({@code sql/loop/template_roster.sql}: its latest accepted roster before the quarter, without
 * the members who moved on to another branch since).
 */
public final class TemplateInputs {
  private TemplateInputs() {}

  /**
   * A branch with the roster its template is pre-filled with.
   *
   * @param rosterPeriod the quarter the roster comes from, or null when the branch never had an
   *     accepted ledger (its 名册 starts empty)
   */
  public record BranchRoster(LedgerTemplate.Branch branch, String rosterPeriod, List<LedgerTemplate.Member> members) {}

  /**
   * The branches (ordered by code) and rosters for templates of {@code period}.
   *
   * @param unit an organization code: only the active 党支部 at or under it; null for the district
   * @throws IllegalArgumentException when the warehouse has no org tree or the unit is not in it
   */
  public static List<BranchRoster> read(SparkSession spark, Warehouse wh, String period, String unit) {
    if (!wh.exists(spark, Warehouse.SILVER, "orgs")) {
      throw new IllegalArgumentException("The warehouse at " + wh.root() + " holds no org tree yet: run jifen ingest first");
    }
    Dataset<Row> members = wh.exists(spark, Warehouse.SILVER, "members") ? wh.read(spark, Warehouse.SILVER, "members")
        : spark.createDataFrame(List.of(), SilverInputs.MEMBERS_SCHEMA);
    return read(spark, wh.read(spark, Warehouse.SILVER, "orgs"), members, period, unit);
  }

  /** The same from the two silver tables as data frames ({@code orgs}, {@code members}). */
  static List<BranchRoster> read(SparkSession spark, Dataset<Row> orgs, Dataset<Row> members, String period,
      String unit) {
    orgs.createOrReplaceTempView("tpl_orgs");
    members.createOrReplaceTempView("tpl_members");
    if (unit != null && orgs.filter(functions.col("org_code").equalTo(unit)).isEmpty()) {
      throw new IllegalArgumentException("--unit: '" + unit + "' is not an organization code of the org tree");
    }
    Map<String, List<LedgerTemplate.Member>> rosters = new LinkedHashMap<>();
    Map<String, String> rosterPeriods = new LinkedHashMap<>();
    for (Row r : SqlFiles.run(spark, "loop", "template_roster", Map.of("period", period))
        .orderBy("branch_code", "row_num").collectAsList()) {
      String branch = r.getAs("branch_code");
      rosterPeriods.put(branch, r.getAs("roster_period"));
      rosters.computeIfAbsent(branch, b -> new ArrayList<>()).add(member(r));
    }
    List<BranchRoster> out = new ArrayList<>();
    for (Row b : SqlFiles.run(spark, "loop", "template_branches", Map.of("unit", unit == null ? "" : unit))
        .orderBy("branch_code").collectAsList()) {
      String code = b.getAs("branch_code");
      out.add(new BranchRoster(new LedgerTemplate.Branch(code, b.getAs("branch_name"), b.getAs("parent_name")),
          rosterPeriods.get(code), rosters.getOrDefault(code, List.of())));
    }
    return out;
  }

  private static LedgerTemplate.Member member(Row r) {
    Date birth = r.getAs("birth_date");
    Date join = r.getAs("join_date");
    Boolean inPm = r.getAs("in_points_mgmt");
    return new LedgerTemplate.Member(r.getAs("member_code"), r.getAs("name"), r.getAs("id_status"), r.getAs("gender"),
        birth == null ? null : birth.toLocalDate(), join == null ? null : join.toLocalDate(), r.getAs("standing"),
        r.getAs("category"), inPm == null || inPm, r.getAs("exempt_reason"), r.getAs("party_group"));
  }
}
