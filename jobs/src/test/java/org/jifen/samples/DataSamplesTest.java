package org.jifen.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.jifen.samples.SampleGenerator.Size;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code data-samples/} is exactly what the generator writes for SMALL with the
 * default seed. To regenerate it after changing the generator:
 * {@code mvn -q -B -pl jobs -am test -Dtest=DataSamplesTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Djifen.samples.regenerate=true} (or {@code ./jifen samples --out data-samples --seed 20250101
 * --size small --force}).
 */
class DataSamplesTest {
  private static final Path DATA_SAMPLES = Path.of("..", "data-samples").toAbsolutePath().normalize();

  @Test
  void committedSampleMatchesTheGenerator() throws Exception {
    if (Boolean.getBoolean("jifen.samples.regenerate")) {
      SampleGenerator.generate(DATA_SAMPLES, SampleGenerator.DEFAULT_SEED, Size.SMALL);
    }
    assertTrue(Files.isDirectory(DATA_SAMPLES.resolve("inbox")), "missing " + DATA_SAMPLES);
    Map<String, String> expected = SampleDeterminismTest.content(SampleFixture.dir());
    Map<String, String> committed = SampleDeterminismTest.content(DATA_SAMPLES);
    assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(committed.keySet()),
        "data-samples/ is stale: regenerate it (see this class's Javadoc)");
    expected.forEach((k, v) -> assertEquals(v, committed.get(k),
        "data-samples/" + k + " is stale: regenerate it (see this class's Javadoc)"));
  }
}
