package org.jifen.scheme;

import java.math.BigDecimal;
import java.util.List;

/**
 * One item code of a scheme (a range such as D01–D99 in the file becomes one Item per code).
 *
 * @param fixedPoints the only allowed 分值 values, empty when any value of the item's sign is allowed
 * @param capQuarter bound on the absolute total of this item in a quarter, or null
 * @param capYear bound on the absolute total of this item in a year, or null
 * @param line line of the definition in the scheme file
 */
public record Item(String code, String name, ItemKind kind, List<BigDecimal> fixedPoints,
    BigDecimal capQuarter, BigDecimal capYear, int line) implements java.io.Serializable {
  public Item {
    fixedPoints = List.copyOf(fixedPoints);
  }

  /** The rule ingestion validates entries with. */
  public ItemRule toRule() {
    return new ItemRule(code, name, kind.yamlName(), kind.sign(), fixedPoints);
  }
}
