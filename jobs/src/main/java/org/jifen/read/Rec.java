package org.jifen.read;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One result row of a {@link WarehouseSql} query, the same whichever engine ran it: values are
 * {@code String}, {@code Boolean}, {@code Integer}/{@code Long}/{@code Short}/{@code Byte},
 * {@code Double}/{@code Float}, {@code BigDecimal}, {@code LocalDate} (dates), {@code Instant}
 * (timestamps) and {@code List} (arrays), or null. Numbers are read with the typed getters, which
 * convert between integer widths (DuckDB sums integers to 128 bits, Spark to 64).
 */
public final class Rec {
  private final Map<String, Integer> index;
  private final Object[] values;

  Rec(Map<String, Integer> index, Object[] values) {
    this.index = index;
    this.values = values;
  }

  /** The value of a column by its position (0-based). */
  public Object get(int i) {
    return values[i];
  }

  /** The value of a column by its name. */
  public Object get(String column) {
    Integer i = index.get(column);
    if (i == null) {
      throw new IllegalArgumentException("No column " + column + " in " + index.keySet());
    }
    return values[i];
  }

  public boolean has(String column) {
    return index.containsKey(column);
  }

  public int size() {
    return values.length;
  }

  public String str(String column) {
    Object v = get(column);
    return v == null ? null : v.toString();
  }

  public String str(int i) {
    Object v = get(i);
    return v == null ? null : v.toString();
  }

  public Long lng(String column) {
    return lng(get(column));
  }

  public Long lng(int i) {
    return lng(get(i));
  }

  /** The value as a long, 0 when null (counts and sums of nothing). */
  public long count(String column) {
    Long v = lng(column);
    return v == null ? 0 : v;
  }

  public Integer integer(String column) {
    Long v = lng(column);
    return v == null ? null : Math.toIntExact(v);
  }

  public Double dbl(String column) {
    Object v = get(column);
    return v == null ? null : ((Number) v).doubleValue();
  }

  public BigDecimal dec(String column) {
    Object v = get(column);
    if (v == null || v instanceof BigDecimal) {
      return (BigDecimal) v;
    }
    return v instanceof Double || v instanceof Float ? BigDecimal.valueOf(((Number) v).doubleValue())
        : BigDecimal.valueOf(((Number) v).longValue());
  }

  public Boolean bool(String column) {
    return (Boolean) get(column);
  }

  public LocalDate date(String column) {
    return (LocalDate) get(column);
  }

  public Instant instant(String column) {
    return (Instant) get(column);
  }

  @SuppressWarnings("unchecked")
  public <T> List<T> list(String column) {
    return (List<T>) get(column);
  }

  private static Long lng(Object v) {
    return v == null ? null : ((Number) v).longValue();
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    index.forEach((k, i) -> parts.add(k + "=" + values[i]));
    return "{" + String.join(", ", parts) + "}";
  }

  /** Converts an engine's value to the common types above. */
  static Object normalize(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
        || v instanceof Double || v instanceof BigDecimal || v instanceof LocalDate || v instanceof Instant) {
      return v;
    }
    if (v instanceof BigInteger b) {
      return b.longValueExact();
    }
    if (v instanceof Short || v instanceof Byte) {
      return ((Number) v).intValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (v instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (v instanceof java.util.UUID u) {
      return u.toString();
    }
    if (v instanceof scala.collection.Seq<?> seq) {
      List<Object> out = new ArrayList<>();
      scala.collection.Iterator<?> it = seq.iterator();
      while (it.hasNext()) {
        out.add(normalize(it.next()));
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof java.sql.Array a) {
      try {
        Object[] items = (Object[]) a.getArray();
        List<Object> out = new ArrayList<>();
        for (Object o : items) {
          out.add(normalize(o));
        }
        return Collections.unmodifiableList(out);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(o -> out.add(normalize(o)));
      return Collections.unmodifiableList(out);
    }
    return v;
  }
}
