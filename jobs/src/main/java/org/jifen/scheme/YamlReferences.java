package org.jifen.scheme;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;

/**
 * Refuses YAML anchors ({@code &name}) and aliases ({@code *name}) in the files an officer edits
 * (scheme files, the district config). The YAML reader does not resolve them: {@code name: *i}
 * would silently read as the text {@code i}. A located error says where and what to write instead.
 */
public final class YamlReferences {
  private YamlReferences() {}

  /**
   * Throws a located {@link SchemeException} when the parser's current token is an alias or carries
   * an anchor.
   */
  static void check(String file, JsonParser p) throws IOException {
    if (!(p instanceof YAMLParser y)) {
      return;
    }
    JsonLocation at = p.currentTokenLocation();
    if (y.isCurrentAlias()) {
      String name = p.getText();
      throw new SchemeException(file, at.getLineNr(), at.getColumnNr(), "found the YAML alias `*" + name
          + "` where a value was expected; aliases and anchors are not read (it would be taken as the text `"
          + name + "`).", "write the value itself instead of `*" + name + "`.");
    }
    String anchor = y.getObjectId();
    if (anchor != null) {
      throw new SchemeException(file, at.getLineNr(), at.getColumnNr(), "found the YAML anchor `&" + anchor
          + "`; anchors and aliases are not read.", "remove `&" + anchor + "` and write values out in full "
          + "wherever `*" + anchor + "` is used.");
    }
  }

  /**
   * Reads the whole document and throws a located {@link SchemeException} at its first alias or
   * anchor; syntax errors are left to the reader that follows.
   */
  public static void reject(String file, byte[] bytes) {
    try (JsonParser p = YAMLFactory.builder().build().createParser(bytes)) {
      while (p.nextToken() != null) {
        check(file, p);
      }
    } catch (JsonProcessingException e) {
      // not valid YAML: reported, with its location, by the reader
    } catch (IOException e) {
      throw new SchemeException(file, 0, 0, "cannot be read: " + e.getMessage(), "check the path.", e);
    }
  }
}
