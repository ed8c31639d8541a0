package org.jifen.reports;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How packs are stamped: the generation time (injected, so two packs from the same mart differ
 * only in it), the jifen version, the caller's extra manifest facts (Delta table versions, input
 * files and their hashes, …) and the time zone dates are shown in.
 *
 * @param generatedAt the generation time written into the manifest, the report and the files' properties
 * @param jifenVersion the version of jifen that renders the pack
 * @param extraFacts facts the manifest states under {@code facts}; values may be strings, numbers,
 *     booleans, lists and maps (written as JSON, map keys sorted)
 * @param zone the zone of dates shown in the report (the department's, UTC+8 by default)
 */
public record PackOptions(Instant generatedAt, String jifenVersion, Map<String, Object> extraFacts, ZoneId zone) {
  /** Default zone of the dates shown in packs. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

  public PackOptions {
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(jifenVersion, "jifenVersion");
    extraFacts = extraFacts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extraFacts));
    zone = zone == null ? DEFAULT_ZONE : zone;
  }

  /** Options stamped now, with no extra facts. */
  public static PackOptions of(String jifenVersion) {
    return new PackOptions(Instant.now(), jifenVersion, Map.of(), DEFAULT_ZONE);
  }

  /** The same options with another generation time. */
  public PackOptions withGeneratedAt(Instant t) {
    return new PackOptions(t, jifenVersion, extraFacts, zone);
  }

  /** The same options with these extra manifest facts. */
  public PackOptions withExtraFacts(Map<String, Object> facts) {
    return new PackOptions(generatedAt, jifenVersion, facts, zone);
  }
}
