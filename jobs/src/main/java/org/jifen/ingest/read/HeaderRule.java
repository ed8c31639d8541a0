package org.jifen.ingest.read;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The labels that identify a header row: every group must have at least one of its labels.
 *
 * @param groups alternatives per required label, already normalised
 */
record HeaderRule(List<List<String>> groups) {
  /** How many rows from the top of a sheet may hold the header row. */
  static final int MAX_HEADER_ROW = 30;

  HeaderRule {
    groups = groups.stream().map(List::copyOf).toList();
  }

  /** The rule of a ledger data sheet (DOMAIN §4). */
  static HeaderRule of(LedgerSheet sheet) {
    return switch (sheet) {
      case ROSTER -> new HeaderRule(List.of(List.of("党员编号"), List.of("姓名")));
      case ENTRIES -> new HeaderRule(List.of(List.of("党员编号"), List.of("项目编码")));
      case EVALUATION -> new HeaderRule(List.of(List.of("党员编号"), List.of("评议等次", "评议得分")));
      case ACTIONS -> new HeaderRule(List.of(List.of("党员编号"), List.of("处置类型")));
      case COVER -> throw new IllegalArgumentException("The cover sheet has no header row");
    };
  }

  /** A rule requiring every one of the labels (normalised here). */
  static HeaderRule allOf(List<String> labels) {
    return new HeaderRule(labels.stream().map(l -> List.of(Labels.header(l))).toList());
  }

  /** True when the normalised labels of a row satisfy every group. */
  boolean matches(Map<String, Integer> labels) {
    for (List<String> group : groups) {
      if (group.stream().noneMatch(labels::containsKey)) {
        return false;
      }
    }
    return true;
  }

  /** The expected labels for a message, e.g. {@code 党员编号 and (评议等次 or 评议得分)}. */
  String describe() {
    return groups.stream()
        .map(g -> g.size() == 1 ? g.get(0) : "(" + String.join(" or ", g) + ")")
        .collect(Collectors.joining(" and "));
  }
}
