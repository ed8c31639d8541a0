package org.jifen.reports;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jifen.reports.PackData.MartFacts;

/**
 * {@code manifest.json}: what a pack was built from. Keys are sorted at every level, so two packs
 * rendered from the same mart with the same options are byte-identical apart from
 * {@code generated_at}.
 */
final class Manifest {
  private Manifest() {}

  static final String FORMAT = "jifen-report-pack/1";

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .build();

  static Map<String, Object> content(PackData d, PackOptions o, List<String> files, List<PackChart> charts) {
    Map<String, Object> m = new TreeMap<>();
    m.put("format", FORMAT);
    m.put("generated_at", java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        o.generatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atZone(o.zone())));
    m.put("jifen_version", o.jifenVersion());

    Map<String, Object> period = new TreeMap<>();
    period.put("id", d.period().period());
    period.put("kind", d.period().kind());
    period.put("label", d.period().label());
    period.put("quarters_ingested", d.period().quartersIngested());
    m.put("period", period);

    Map<String, Object> unit = new TreeMap<>();
    unit.put("code", d.unit().code());
    unit.put("name", d.unit().name());
    unit.put("level", d.unit().level());
    m.put("unit", unit);

    MartFacts f = d.mart();
    Map<String, Object> mart = new TreeMap<>();
    mart.put("file", f.fileName());
    mart.put("sha256", f.sha256());
    mart.put("bytes", f.bytes());
    mart.put("restricted", d.restricted());
    mart.put("build", new TreeMap<>(f.build()));
    mart.put("sources", f.sources());
    mart.put("schemes", new TreeMap<>(f.schemes()));
    m.put("mart", mart);

    Map<String, Object> scheme = new TreeMap<>();
    scheme.put("id", f.schemeId());
    scheme.put("hash", f.schemeHash());
    m.put("scheme", scheme);

    m.put("facts", new TreeMap<>(o.extraFacts()));
    m.put("files", files);
    List<Map<String, Object>> chartList = new ArrayList<>();
    for (PackChart c : charts) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("file", "charts/" + c.file());
      x.put("title", c.title());
      x.put("width_px", c.widthPx());
      x.put("height_px", c.heightPx());
      if (!c.marks().isEmpty()) {
        // e.g. {"区第十八中学党支部": "未报送"}: categories drawn with a mark instead of a bar.
        x.put("marks", new TreeMap<>(c.marks()));
      }
      chartList.add(x);
    }
    m.put("charts", chartList);
    return m;
  }

  static void write(Path file, Map<String, Object> content) throws IOException {
    Files.write(file, (JSON.writeValueAsString(content) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
