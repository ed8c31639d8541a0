package org.jifen.scheme;

import java.util.List;

/**
 * Who goes on the disposal list (不合格党员处置): an annual grade in {@code grades}, or
 * {@code consecutiveGrade} in {@code consecutiveYears} consecutive years (this one included).
 *
 * @param consecutiveGrade null when the scheme has no such rule
 */
public record Disposal(List<String> grades, String consecutiveGrade, int consecutiveYears) implements java.io.Serializable {
  public Disposal {
    grades = List.copyOf(grades);
  }
}
