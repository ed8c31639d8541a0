package org.jifen.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.jifen.config.DistrictConfig;
import org.jifen.spark.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistrictConfigTest {
  @Test
  void firstUseWritesDefaultsAndEditsRoundTrip(@TempDir Path dir) throws Exception {
    Configuration hadoop = new Configuration();
    Warehouse wh = new Warehouse(dir.resolve("wh").toString());
    assertNull(DistrictConfig.read(hadoop, wh));
    DistrictConfig c = DistrictConfig.loadOrCreate(hadoop, wh);
    assertEquals("district-100", c.schemeFor(2025));
    assertEquals(10, c.deadlineDays());
    Path file = dir.resolve("wh/config/district.yaml");
    assertTrue(Files.readString(file).contains("default: \"district-100\""), Files.readString(file));

    c.withScheme(2025, "vanguard-8-2").withDeadlineDays(15).withFormFiller("李\"四\"").write(hadoop, wh);
    DistrictConfig back = DistrictConfig.read(hadoop, wh);
    assertEquals("vanguard-8-2", back.schemeFor(2025));
    assertEquals("district-100", back.schemeFor(2024));
    assertEquals(15, back.deadlineDays());
    assertEquals("李\"四\"", back.formFiller());
  }

  /** An officer edits the file jifen wrote: the edit is read, not refused by a stale Hadoop checksum. */
  @Test
  void aHandEditOfTheWrittenFileIsRead(@TempDir Path dir) throws Exception {
    Configuration hadoop = new Configuration();
    Warehouse wh = new Warehouse(dir.resolve("wh").toString());
    DistrictConfig.loadOrCreate(hadoop, wh);
    Path file = dir.resolve("wh/config/district.yaml");
    // an earlier jifen wrote a checksum beside the file
    Files.writeString(dir.resolve("wh/config/.district.yaml.crc"), "crc\0\0\2\0\0\0\0", StandardCharsets.UTF_8);
    Files.writeString(file, Files.readString(file).replace("  default: \"district-100\"",
        "  default: \"district-100\"\n  2025: \"vanguard-8-2\""), StandardCharsets.UTF_8);
    assertEquals("vanguard-8-2", DistrictConfig.read(hadoop, wh).schemeFor(2025));
    DistrictConfig.read(hadoop, wh).withDeadlineDays(12).write(hadoop, wh);
    assertFalse(Files.exists(dir.resolve("wh/config/.district.yaml.crc")), "the stale checksum is removed");
    assertEquals(12, DistrictConfig.read(hadoop, wh).deadlineDays());
  }

  @Test
  void rejectsUnknownKeys(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("wh/config"));
    Files.writeString(dir.resolve("wh/config/district.yaml"), "schemes: {default: district-100}\ndeadline: 3\n",
        StandardCharsets.UTF_8);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DistrictConfig.read(new Configuration(), new Warehouse(dir.resolve("wh").toString())));
    assertTrue(e.getMessage().contains("unknown key `deadline`"), e.getMessage());
  }

  /** Issue 19 point 6: `form_filler: *i` would read as the text "i"; aliases and anchors are refused, located. */
  @Test
  void rejectsYamlAliasesAndAnchorsWithTheirLine(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("wh/config"));
    Path file = dir.resolve("wh/config/district.yaml");
    Warehouse wh = new Warehouse(dir.resolve("wh").toString());
    Files.writeString(file, "schemes: {default: district-100}\ndeadline_days: 10\nform_filler: *i\n",
        StandardCharsets.UTF_8);
    IllegalArgumentException alias = assertThrows(IllegalArgumentException.class,
        () -> DistrictConfig.read(new Configuration(), wh));
    assertTrue(alias.getMessage().matches("(?s).*district\\.yaml:3:14: found the YAML alias `\\*i` where a value was "
        + "expected.*Fix: write the value itself instead of `\\*i`\\..*"), alias.getMessage());
    Files.writeString(file, "schemes: {default: &s district-100}\ndeadline_days: 10\n", StandardCharsets.UTF_8);
    IllegalArgumentException anchor = assertThrows(IllegalArgumentException.class,
        () -> DistrictConfig.read(new Configuration(), wh));
    assertTrue(anchor.getMessage().contains("district.yaml:1:") && anchor.getMessage().contains(
        "found the YAML anchor `&s`"), anchor.getMessage());
  }
}
