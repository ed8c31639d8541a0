package org.jifen.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Version facts written at build time into {@code jifen-build.properties}. */
public final class BuildInfo implements IVersionProvider {
  private static final Properties PROPS = load();

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/jifen-build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  public static String version() {
    return PROPS.getProperty("jifen.version", "dev");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "jifen " + version(),
      "Spark " + PROPS.getProperty("spark.version") + ", Delta " + PROPS.getProperty("delta.version")
    };
  }
}
