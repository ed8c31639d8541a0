package org.jifen.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jifen.reports.PackOptions;
import org.jifen.reports.ReportPack;
import org.jifen.reports.ReportPacks;

/** Renders report packs from a mart file (no Spark), with the input files in the manifest. */
final class ReportStage {
  private ReportStage() {}

  /**
   * Renders the packs of {@code period}.
   *
   * @param units unit codes; empty for the district and every committee
   * @param allUnits every reporting unit of the mart instead
   */
  static List<ReportPack> render(Path mart, String period, List<String> units, boolean allUnits, Path outRoot,
      Map<String, Object> facts) throws IOException, SQLException {
    List<String> codes = new ArrayList<>(units);
    Map<String, Object> extra = new LinkedHashMap<>(facts);
    Properties ro = new Properties();
    ro.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + mart.toAbsolutePath(), ro)) {
      if (allUnits) {
        try (ResultSet rs = c.createStatement().executeQuery(
            "SELECT org_code FROM dim_org WHERE is_reporting_unit ORDER BY depth, sort_order")) {
          while (rs.next()) {
            codes.add(rs.getString(1));
          }
        }
      }
      List<Map<String, Object>> inputs = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT period, branch_code, source_file, file_sha256, version "
          + "FROM source_ledgers WHERE status = 'current' AND (period = ? OR CAST(year AS VARCHAR) = ?) "
          + "ORDER BY period, source_file")) {
        ps.setString(1, period);
        ps.setString(2, period);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("period", rs.getString(1));
            f.put("branch_code", rs.getString(2));
            f.put("file", rs.getString(3));
            f.put("sha256", rs.getString(4));
            f.put("version", rs.getInt(5));
            inputs.add(f);
          }
        }
      }
      extra.put("input_files", inputs);
    }
    PackOptions o = PackOptions.of(BuildInfo.version()).withGeneratedAt(Instant.now()).withExtraFacts(extra);
    return ReportPacks.render(mart, period, codes, outRoot, o);
  }
}
