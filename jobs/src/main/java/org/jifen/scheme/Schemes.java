package org.jifen.scheme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Loads and validates scoring schemes: by id from the classpath ({@code schemes/<id>.yaml}) or from a file. */
public final class Schemes {
  /** The reference schemes shipped with jifen (DOMAIN §5). */
  public static final List<String> BUILT_IN = List.of("district-100", "vanguard-8-2", "branch-80-20");
  /** The scheme used when the district configuration names none. */
  public static final String DEFAULT_ID = "district-100";

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private Schemes() {}

  /**
   * Loads a scheme: an id resolves to the classpath resource {@code schemes/<id>.yaml}, anything
   * else is read as a file path.
   *
   * @throws SchemeException when the scheme cannot be found or is invalid (message located)
   */
  public static Scheme load(String idOrPath) {
    if (idOrPath == null || idOrPath.isBlank()) {
      throw new SchemeException("(none)", 0, 0, "no scheme given.",
          "give a scheme id (" + String.join(", ", BUILT_IN) + ") or a path to a scheme file.");
    }
    if (ID.matcher(idOrPath).matches() && !idOrPath.endsWith(".yaml") && !idOrPath.endsWith(".yml")) {
      String resource = "schemes/" + idOrPath + ".yaml";
      try (InputStream in = Schemes.class.getClassLoader().getResourceAsStream(resource)) {
        if (in != null) {
          return parse("classpath:" + resource, in.readAllBytes());
        }
      } catch (IOException e) {
        throw new SchemeException("classpath:" + resource, 0, 0, "cannot be read: " + e.getMessage(),
            "rebuild jifen.", e);
      }
    }
    Path p = Path.of(idOrPath);
    if (!Files.isRegularFile(p)) {
      throw new SchemeException(idOrPath, 0, 0, "no such scheme id or file.",
          "give a scheme id (" + String.join(", ", BUILT_IN) + ") or the path of a scheme file.");
    }
    try {
      return parse(idOrPath, Files.readAllBytes(p));
    } catch (IOException e) {
      throw new SchemeException(idOrPath, 0, 0, "cannot be read: " + e.getMessage(), "check the file.", e);
    }
  }

  /**
   * Parses and validates a scheme from bytes.
   *
   * @param source file name used in messages and in {@link Scheme#source()}
   */
  public static Scheme parse(String source, byte[] bytes) {
    return new SchemeParser(source, bytes).parse();
  }
}
