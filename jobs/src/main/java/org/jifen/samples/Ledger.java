package org.jifen.samples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The logical content of one branch ledger export, before any file format is chosen. */
final class Ledger {
  static final String COVER = "封面";
  static final String ROSTER = "名册";
  static final String ENTRIES = "积分明细";
  static final String EVALUATION = "民主评议";
  static final String ACTIONS = "组织处置";

  static final List<String> ROSTER_COLUMNS = List.of("党员编号", "姓名", "身份证号", "性别", "出生日期", "入党日期",
      "党员身份", "党员类别", "参加积分管理", "未参加原因", "党小组");
  static final List<String> ENTRY_COLUMNS = List.of("日期", "党员编号", "姓名", "项目编码", "分值", "依据", "登记人");
  static final List<String> SELF_SCORE_COLUMNS = List.of("自评分", "党小组初评分");
  static final List<String> EVALUATION_COLUMNS = List.of("党员编号", "姓名", "评议等次");
  static final String EVALUATION_SCORE = "评议得分";
  static final List<String> ACTION_COLUMNS = List.of("党员编号", "姓名", "日期", "处置类型", "说明");

  /** A formula cell with its cached value, e.g. {@code 2+1} → 3. */
  record Formula(String expression, int cached) {}

  /** One logical row; values are String, Integer, LocalDate, Formula or null. */
  static final class Row {
    final Map<String, Object> values = new HashMap<>();
    FaultReason fault;
    String faultColumn;

    Row put(String column, Object value) {
      values.put(column, value);
      return this;
    }

    Object get(String column) {
      return values.get(column);
    }

    Row fault(FaultReason reason, String column) {
      this.fault = reason;
      this.faultColumn = column;
      return this;
    }

    Row copy() {
      Row r = new Row();
      r.values.putAll(values);
      return r;
    }
  }

  /** Cover lines: label and value (String, Integer or LocalDate). */
  final List<Object[]> cover = new ArrayList<>();
  final List<Row> roster = new ArrayList<>();
  final List<Row> entries = new ArrayList<>();
  final List<Row> evaluation = new ArrayList<>();
  final List<Row> actions = new ArrayList<>();
  boolean hasEvaluation;
  boolean hasCover = true;
  boolean selfScores;
  boolean evaluationScore;
  String title;
  String clerk;

  /** The same ledger with its own row lists (rows shared), for a re-export. */
  Ledger copy() {
    Ledger l = new Ledger();
    cover.forEach(c -> l.cover.add(c.clone()));
    l.roster.addAll(roster);
    l.entries.addAll(entries);
    l.evaluation.addAll(evaluation);
    l.actions.addAll(actions);
    l.hasEvaluation = hasEvaluation;
    l.hasCover = hasCover;
    l.selfScores = selfScores;
    l.evaluationScore = evaluationScore;
    l.title = title;
    l.clerk = clerk;
    return l;
  }
}
