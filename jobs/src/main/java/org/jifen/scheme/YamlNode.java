package org.jifen.scheme;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into a small tree that keeps, for every value and key, the line and
 * column where the parser found it, so that validation messages can point at the text an
 * officer has to change. Jackson's databinding drops locations; this reader keeps them.
 */
final class YamlNode {
  enum Type { MAP, LIST, SCALAR, NULL }

  private final Type type;
  private final String file;
  private final int line;
  private final int column;
  private final String text;
  private final boolean quoted;
  private final Map<String, YamlNode> map;
  private final Map<String, int[]> keyLocations;
  private final List<YamlNode> list;

  private YamlNode(Type type, String file, int line, int column, String text, boolean quoted,
      Map<String, YamlNode> map, Map<String, int[]> keyLocations, List<YamlNode> list) {
    this.type = type;
    this.file = file;
    this.line = line;
    this.column = column;
    this.text = text;
    this.quoted = quoted;
    this.map = map;
    this.keyLocations = keyLocations;
    this.list = list;
  }

  /**
   * Parses one YAML document; syntax errors, duplicate keys, anchors and aliases become located
   * SchemeExceptions.
   */
  static YamlNode parse(String file, byte[] bytes) {
    YamlReferences.reject(file, bytes);
    YAMLFactory factory = YAMLFactory.builder().build();
    try (JsonParser p = factory.createParser(bytes)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new SchemeException(file, 1, 1, "the file is empty.",
            "start from one of the reference schemes under schemes/ (see docs/schemes.md).");
      }
      return read(file, p);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      // SnakeYAML's message interleaves quoted source lines (indented) with what it expected.
      String msg = java.util.Arrays.stream(e.getOriginalMessage().split("\n"))
          .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
          .collect(java.util.stream.Collectors.joining("; "));
      throw new SchemeException(file, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
          "not valid YAML: " + msg + ".",
          "check indentation and that every `key: value` pair and `- ` list item is well formed.", e);
    } catch (IOException e) {
      throw new SchemeException(file, 0, 0, "cannot be read: " + e.getMessage(), "check the path.", e);
    }
  }

  private static YamlNode read(String file, JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    JsonLocation loc = p.currentTokenLocation();
    int line = loc.getLineNr();
    int col = loc.getColumnNr();
    switch (t) {
      case START_OBJECT: {
        Map<String, YamlNode> m = new LinkedHashMap<>();
        Map<String, int[]> keys = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonLocation kl = p.currentTokenLocation();
          if (m.containsKey(key)) {
            throw new SchemeException(file, kl.getLineNr(), kl.getColumnNr(),
                "key `" + key + "` appears twice in the same block (first on line " + keys.get(key)[0] + ").",
                "keep one of them.");
          }
          keys.put(key, new int[] {kl.getLineNr(), kl.getColumnNr()});
          p.nextToken();
          m.put(key, read(file, p));
        }
        return new YamlNode(Type.MAP, file, line, col, null, false, m, keys, null);
      }
      case START_ARRAY: {
        List<YamlNode> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(read(file, p));
        }
        return new YamlNode(Type.LIST, file, line, col, null, false, null, null, l);
      }
      case VALUE_NULL:
        return new YamlNode(Type.NULL, file, line, col, null, false, null, null, null);
      case VALUE_STRING:
        return new YamlNode(Type.SCALAR, file, line, col, p.getText(), true, null, null, null);
      default:
        // numbers and booleans: keep the text as written so that decimals stay exact
        return new YamlNode(Type.SCALAR, file, line, col, p.getText(), false, null, null, null);
    }
  }

  Type type() {
    return type;
  }

  String file() {
    return file;
  }

  int line() {
    return line;
  }

  int column() {
    return column;
  }

  boolean isMap() {
    return type == Type.MAP;
  }

  boolean isList() {
    return type == Type.LIST;
  }

  boolean isNull() {
    return type == Type.NULL;
  }

  /** A located error at this node. */
  SchemeException error(String problem, String fix) {
    return new SchemeException(file, line, column, problem, fix);
  }

  /** A located error at the key {@code key} of this map (falls back to the map itself). */
  SchemeException keyError(String key, String problem, String fix) {
    int[] at = keyLocations == null ? null : keyLocations.get(key);
    return at == null ? error(problem, fix) : new SchemeException(file, at[0], at[1], problem, fix);
  }

  Map<String, YamlNode> entries() {
    return map == null ? Map.of() : Collections.unmodifiableMap(map);
  }

  List<YamlNode> items() {
    return list == null ? List.of() : Collections.unmodifiableList(list);
  }

  /** The child at {@code key}, or null when absent (or when written as an explicit null). */
  YamlNode get(String key) {
    YamlNode n = map == null ? null : map.get(key);
    return n == null || n.isNull() ? null : n;
  }

  boolean has(String key) {
    return get(key) != null;
  }

  /** The scalar text, as written. */
  String text() {
    return text;
  }

  // ---- typed access with located errors -------------------------------------------------------

  YamlNode requireMap(String what) {
    if (!isMap()) {
      throw error(what + " must be a block of `key: value` lines.", "indent its entries under it.");
    }
    return this;
  }

  YamlNode requireList(String what) {
    if (!isList()) {
      throw error(what + " must be a list.", "write it as [a, b] or as `- ` lines.");
    }
    return this;
  }

  /** Rejects keys outside {@code allowed}: a misspelt key must not be silently ignored. */
  void allowOnly(String what, List<String> allowed) {
    for (String k : entries().keySet()) {
      if (!allowed.contains(k)) {
        throw keyError(k, "unknown key `" + k + "` in " + what + ".",
            "use one of: " + String.join(", ", allowed) + " (see docs/schemes.md).");
      }
    }
  }

  YamlNode required(String key, String what) {
    YamlNode n = get(key);
    if (n == null) {
      throw error(what + " has no `" + key + "`.", "add `" + key + ":`.");
    }
    return n;
  }

  String string(String what) {
    if (type != Type.SCALAR || text.isBlank()) {
      throw error(what + " must be a non-empty text.", "write a value after the colon.");
    }
    return text.trim();
  }

  BigDecimal decimal(String what) {
    if (type != Type.SCALAR) {
      throw error(what + " must be a number.", "write a number such as 5 or 0.8.");
    }
    BigDecimal d;
    try {
      d = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw error(what + " must be a number, found `" + text + "`.", "write a number such as 5 or 0.8.");
    }
    if (d.scale() > 6 || d.precision() - d.scale() > 8) {
      throw error(what + " `" + text + "` has too many digits.", "write at most 8 digits before and 6 after the point.");
    }
    return d;
  }

  int integer(String what) {
    BigDecimal d = decimal(what);
    try {
      return d.intValueExact();
    } catch (ArithmeticException e) {
      throw error(what + " must be a whole number, found `" + text + "`.", "write a whole number.");
    }
  }

  /** Reads a scalar or a list of scalars as a list of texts. */
  List<YamlNode> scalarList(String what) {
    if (type == Type.SCALAR) {
      return List.of(this);
    }
    requireList(what);
    for (YamlNode n : list) {
      if (n.type != Type.SCALAR) {
        throw n.error(what + " must list plain values.", "write it as [a, b].");
      }
    }
    return items();
  }
}
