package org.jifen.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.jifen.history.EntryDiff.Change;
import org.jifen.history.EntryDiff.Row;
import org.junit.jupiter.api.Test;

/** Entry-by-entry comparison of one member's rows in two versions of a ledger, as written. */
class EntryDiffTest {
  private static Row row(String date, String item, String points, String basis) {
    return Row.fromCells(date, item, points, basis);
  }

  @Test
  void cellsAreReadTheWayIngestionReadsThem() {
    Row r = row("2025年6月24日", " b2 ", "－5.00", "  缺席 ");
    assertEquals(new Row("2025-06-24", "B2", "-5", "缺席"), r);
    assertEquals(new Row("2025/13/40", null, "三分", null), row("2025/13/40", "", "三分", " "));
    assertNull(row("2025-06-24", "V15", "", null).points(), "a veto item carries no points");
  }

  @Test
  void theSamplesAppealRemovesOneDeduction() {
    // data-samples QS01B01 2025Q2, DY686878: 版本 1 has the A7 +1 and the B2 -5 of 2025-06-24,
    // 版本 2 only the A7 +1 (the Excel date and the text date of the same day compare equal).
    List<Row> v1 = List.of(row("2025-06-11", "A7", "1", "下沉社区参加6月志愿服务"),
        row("2025-06-24", "B2", "-5", "无故缺席6月主题党日活动"));
    List<Row> v2 = List.of(row("2025/6/11", "A7", "1.00", "下沉社区参加6月志愿服务"));
    List<Change> d = EntryDiff.diff(v1, v2);
    assertEquals(List.of(new Change(EntryDiff.REMOVED, v1.get(1), null)), d);
    assertEquals("删除1条", EntryDiff.summary(d));
  }

  @Test
  void sameDateAndItemIsTheSameEntryChanged() {
    List<Row> before = List.of(row("2025-05-06", "B2", "-5", "无故缺席"), row("2025-05-20", "A5", "2", "建议被采纳"),
        row("2025-05-30", "B4", "-5", "未完成任务"), row("2025-05-30", "A9", "1", "支部认定"));
    List<Row> after = List.of(row("2025-05-06", "B2", "-3", "无故缺席"), row("2025-05-20", "A5", "2", "建议被采纳（区级）"),
        row("2025-05-30", "B4", "-5", "未完成任务"), row("2025-05-30", "A9", "2", "支部认定：志愿服务"),
        row("2025-06-02", "A8", "5", "受表彰"));
    List<Change> d = EntryDiff.diff(before, after);
    assertEquals(List.of(
        new Change(EntryDiff.POINTS, before.get(0), after.get(0)),
        new Change(EntryDiff.BASIS, before.get(1), after.get(1)),
        new Change(EntryDiff.POINTS_AND_BASIS, before.get(3), after.get(3)),
        new Change(EntryDiff.ADDED, null, after.get(4))), d);
    assertEquals("新增1条、分值变更1条、依据变更1条、分值和依据变更1条", EntryDiff.summary(d));
  }

  @Test
  void repeatedEntriesPairOffOneByOne() {
    // Two identical B2 -5 rows in 版本 1, one in 版本 2: one removed, not "changed".
    Row b2 = row("2025-04-08", "B2", "-5", "缺席支部大会");
    List<Change> d = EntryDiff.diff(List.of(b2, b2), List.of(b2));
    assertEquals(List.of(new Change(EntryDiff.REMOVED, b2, null)), d);
    assertEquals(List.of(), EntryDiff.diff(List.of(b2, b2), List.of(b2, b2)));
    assertEquals("", EntryDiff.summary(List.of()));
  }
}
