package org.jifen.scheme;

import java.io.ByteArrayInputStream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Refuses YAML anchors ({@code &name}) and aliases ({@code *name}) in the files an officer edits
 * (scheme files, the district config). The YAML reader does not resolve them: {@code name: *i}
 * would silently read as the text {@code i}. A located error says where and what to write instead.
 */
public final class YamlReferences {
  private YamlReferences() {}

  /**
   * Reads the document's events and throws a located {@link SchemeException} at its first alias or
   * anchor; syntax errors are left to the reader that follows (it reports them with their location).
   */
  public static void reject(String file, byte[] bytes) {
    Iterable<Event> events = new Yaml(new LoaderOptions())
        .parse(new UnicodeReader(new ByteArrayInputStream(bytes)));
    try {
      for (Event e : events) {
        if (e instanceof AliasEvent a) {
          Mark at = a.getStartMark();
          String name = a.getAnchor();
          throw new SchemeException(file, at.getLine() + 1, at.getColumn() + 1, "found the YAML alias `*" + name
              + "` where a value was expected; aliases and anchors are not read (it would be taken as the text `"
              + name + "`).", "write the value itself instead of `*" + name + "`.");
        }
        if (e instanceof NodeEvent n && n.getAnchor() != null) {
          Mark at = n.getStartMark();
          String name = n.getAnchor();
          throw new SchemeException(file, at.getLine() + 1, at.getColumn() + 1, "found the YAML anchor `&" + name
              + "`; anchors and aliases are not read.", "remove `&" + name + "` and write values out in full "
              + "wherever `*" + name + "` is used.");
        }
      }
    } catch (YAMLException e) {
      // not valid YAML: reported, with its location, by the reader that follows
    }
  }
}
