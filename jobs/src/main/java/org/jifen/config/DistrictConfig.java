package org.jifen.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.jifen.scheme.Schemes;
import org.jifen.spark.Warehouse;

/**
 * The district's run configuration, kept at {@code <warehouse>/config/district.yaml} and read and
 * written through Hadoop's FileSystem (the warehouse may be on HDFS or S3): the scheme in force
 * per year, the ledger deadline, the form filler (填表人) of the statistics tables and the longest
 * text accepted per ledger column.
 */
public final class DistrictConfig {
  /** Location under the warehouse root. */
  public static final String PATH = "config/district.yaml";
  /** Days after quarter end by which a branch ledger is due (DOMAIN §8). */
  public static final int DEADLINE_DAYS_DEFAULT = 10;
  public static final String SCHEME_DEFAULT = Schemes.DEFAULT_ID;

  private final String defaultScheme;
  private final SortedMap<Integer, String> schemeByYear;
  private final int deadlineDays;
  private final String formFiller;
  private final org.jifen.ingest.TextLimits textLimits;

  public DistrictConfig(String defaultScheme, Map<Integer, String> schemeByYear, int deadlineDays, String formFiller) {
    this(defaultScheme, schemeByYear, deadlineDays, formFiller, org.jifen.ingest.TextLimits.DEFAULTS);
  }

  public DistrictConfig(String defaultScheme, Map<Integer, String> schemeByYear, int deadlineDays, String formFiller,
      org.jifen.ingest.TextLimits textLimits) {
    if (defaultScheme == null || defaultScheme.isBlank()) {
      throw new IllegalArgumentException("the default scheme must be named");
    }
    if (deadlineDays < 0 || deadlineDays > 90) {
      throw new IllegalArgumentException("deadline_days must be 0-90, got " + deadlineDays);
    }
    this.defaultScheme = defaultScheme;
    this.schemeByYear = new TreeMap<>(schemeByYear);
    this.deadlineDays = deadlineDays;
    this.formFiller = formFiller == null ? "" : formFiller;
    this.textLimits = textLimits;
  }

  /** district-100 for every year, deadline 10 days, no form filler. */
  public static DistrictConfig defaults() {
    return new DistrictConfig(SCHEME_DEFAULT, Map.of(), DEADLINE_DAYS_DEFAULT, "");
  }

  /** The scheme (id or file) in force for the year. */
  public String schemeFor(int year) {
    return schemeByYear.getOrDefault(year, defaultScheme);
  }

  public String defaultScheme() {
    return defaultScheme;
  }

  public SortedMap<Integer, String> schemeByYear() {
    return java.util.Collections.unmodifiableSortedMap(schemeByYear);
  }

  public int deadlineDays() {
    return deadlineDays;
  }

  /** 填表人 printed on the statistics tables; empty when not set. */
  public String formFiller() {
    return formFiller;
  }

  public DistrictConfig withScheme(int year, String scheme) {
    SortedMap<Integer, String> m = new TreeMap<>(schemeByYear);
    m.put(year, scheme);
    return new DistrictConfig(defaultScheme, m, deadlineDays, formFiller, textLimits);
  }

  public DistrictConfig withDefaultScheme(String scheme) {
    return new DistrictConfig(scheme, schemeByYear, deadlineDays, formFiller, textLimits);
  }

  public DistrictConfig withDeadlineDays(int days) {
    return new DistrictConfig(defaultScheme, schemeByYear, days, formFiller, textLimits);
  }

  public DistrictConfig withFormFiller(String name) {
    return new DistrictConfig(defaultScheme, schemeByYear, deadlineDays, name, textLimits);
  }

  /** The longest text ingest accepts per ledger column. */
  public org.jifen.ingest.TextLimits textLimits() {
    return textLimits;
  }

  public DistrictConfig withTextLimits(org.jifen.ingest.TextLimits limits) {
    return new DistrictConfig(defaultScheme, schemeByYear, deadlineDays, formFiller, limits);
  }

  /**
   * The scheme that scored rows stamped {@code id} and {@code hash}: the scheme the configuration
   * names for the year, else the id itself (a built-in), whichever loads here with that very
   * content hash (any hash when {@code hash} is null); empty when neither does (the file was moved
   * or edited since scoring).
   */
  public static java.util.Optional<org.jifen.scheme.Scheme> schemeThatScored(Configuration hadoop, Warehouse wh,
      int year, String id, String hash) {
    java.util.List<String> candidates = new java.util.ArrayList<>();
    DistrictConfig config = read(hadoop, wh);
    if (config != null) {
      candidates.add(config.schemeFor(year));
    }
    if (id != null) {
      candidates.add(id);
    }
    for (String c : candidates) {
      try {
        org.jifen.scheme.Scheme s = Schemes.load(c);
        if (hash == null || s.contentHash().equals(hash)) {
          return java.util.Optional.of(s);
        }
      } catch (org.jifen.scheme.SchemeException e) {
        // not loadable here: try the next candidate
      }
    }
    return java.util.Optional.empty();
  }

  /** Reads the configuration, or returns null when the warehouse has none yet. */
  public static DistrictConfig read(Configuration hadoop, Warehouse wh) {
    Path p = new Path(wh.file(PATH));
    try {
      FileSystem fs = editable(p.getFileSystem(hadoop));
      if (!fs.exists(p)) {
        return null;
      }
      try (InputStream in = fs.open(p)) {
        return parse(p.toString(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }

  /** Reads the configuration, writing the defaults first when the warehouse has none. */
  public static DistrictConfig loadOrCreate(Configuration hadoop, Warehouse wh) {
    DistrictConfig c = read(hadoop, wh);
    if (c == null) {
      c = defaults();
      c.write(hadoop, wh);
    }
    return c;
  }

  /** Writes (replaces) the configuration file. */
  public void write(Configuration hadoop, Warehouse wh) {
    Path p = new Path(wh.file(PATH));
    try {
      FileSystem fs = editable(p.getFileSystem(hadoop));
      try (OutputStream out = fs.create(p, true)) {
        out.write(toYaml().getBytes(StandardCharsets.UTF_8));
      }
      // a checksum left by an earlier jifen would refuse the file once the officer edits it
      Path crc = new Path(p.getParent(), "." + p.getName() + ".crc");
      if (fs.exists(crc)) {
        fs.delete(crc, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + p, e);
    }
  }

  /**
   * The file is meant to be edited by hand: on a local warehouse Hadoop's checksummed file system
   * would keep a {@code .district.yaml.crc} beside it and refuse the edited file
   * ({@code ChecksumException}), so it is read and written through the raw file system.
   */
  private static FileSystem editable(FileSystem fs) {
    return fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
  }

  /** The file text, commented for the officer who edits it. */
  public String toYaml() {
    StringBuilder b = new StringBuilder();
    b.append("# jifen district configuration (区委组织部). Written by `jifen init` or on first use; edit freely.\n");
    b.append("schemes:                  # scoring scheme per year: a scheme id (see `jifen schemes show ID`) or a file path\n");
    b.append("  default: ").append(quote(defaultScheme)).append("      # every year not listed below\n");
    schemeByYear.forEach((y, s) -> b.append("  ").append(y).append(": ").append(quote(s)).append('\n'));
    b.append("deadline_days: ").append(deadlineDays).append("          # ledgers are due this many days after the quarter ends (23:59:59 UTC+8)\n");
    b.append("form_filler: ").append(quote(formFiller)).append("            # 填表人 on the statistics tables\n");
    b.append("text_limits:              # longest text accepted per ledger column; a longer value quarantines its row\n");
    b.append("  default: ").append(textLimits.defaultMax()).append('\n');
    textLimits.perColumn().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> b.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
    return b.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static DistrictConfig parse(String file, byte[] bytes) {
    try {
      org.jifen.scheme.YamlReferences.reject(file, bytes);
    } catch (org.jifen.scheme.SchemeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": expected `schemes:`, `deadline_days:` and `form_filler:` lines");
    }
    DistrictConfig c = defaults();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "schemes" -> {
          if (!v.isObject()) {
            throw new IllegalArgumentException(file + ": `schemes` must map `default` and years to scheme ids");
          }
          for (Iterator<Map.Entry<String, JsonNode>> s = v.fields(); s.hasNext(); ) {
            Map.Entry<String, JsonNode> se = s.next();
            String scheme = se.getValue().asText();
            if (se.getKey().equals("default")) {
              c = c.withDefaultScheme(scheme);
            } else if (se.getKey().matches("\\d{4}")) {
              c = c.withScheme(Integer.parseInt(se.getKey()), scheme);
            } else {
              throw new IllegalArgumentException(file + ": schemes: `" + se.getKey() + "` is neither `default` nor a year like 2025");
            }
          }
        }
        case "deadline_days" -> {
          if (!v.canConvertToInt()) {
            throw new IllegalArgumentException(file + ": deadline_days must be a whole number of days");
          }
          c = c.withDeadlineDays(v.asInt());
        }
        case "form_filler" -> c = c.withFormFiller(v.isNull() ? "" : v.asText());
        case "text_limits" -> {
          if (!v.isObject()) {
            throw new IllegalArgumentException(file + ": `text_limits` must map `default` and ledger columns to a "
                + "number of characters");
          }
          org.jifen.ingest.TextLimits limits = c.textLimits();
          for (Iterator<Map.Entry<String, JsonNode>> s = v.fields(); s.hasNext(); ) {
            Map.Entry<String, JsonNode> le = s.next();
            if (!le.getValue().canConvertToInt()) {
              throw new IllegalArgumentException(file + ": text_limits: " + le.getKey() + " must be a whole number");
            }
            try {
              limits = limits.with(le.getKey(), le.getValue().asInt());
            } catch (IllegalArgumentException ex) {
              throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
            }
          }
          c = c.withTextLimits(limits);
        }
        default -> throw new IllegalArgumentException(file + ": unknown key `" + e.getKey()
            + "`; use schemes, deadline_days, form_filler, text_limits");
      }
    }
    return c;
  }
}
