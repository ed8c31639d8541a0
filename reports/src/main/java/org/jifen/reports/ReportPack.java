package org.jifen.reports;

import java.nio.file.Path;
import java.util.List;

/**
 * A written pack: {@code directory} is {@code outRoot/<period>/<unit-code>/}.
 *
 * @param period the period, {@code 2025Q2} or {@code 2025}
 * @param unitCode the reporting unit's 组织编码
 * @param unitName the reporting unit's name
 * @param directory where the pack was written
 * @param files the files written, relative to {@code directory}, sorted ({@code charts/…},
 *     {@code manifest.json}, {@code report.docx}, {@code statistics-table.xlsx})
 * @param charts the charts with the datasets they were drawn from
 * @param restricted true when built from the restricted mart (names in the watch lists)
 */
public record ReportPack(String period, String unitCode, String unitName, Path directory, List<String> files,
    List<PackChart> charts, boolean restricted) {

  /** The chart written to {@code charts/<file>}. */
  public PackChart chart(String file) {
    return charts.stream().filter(c -> c.file().equals(file)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No chart " + file + " in the pack; charts: "
            + charts.stream().map(PackChart::file).toList()));
  }
}
