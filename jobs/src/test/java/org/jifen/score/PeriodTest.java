package org.jifen.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PeriodTest {
  @Test
  void parsesQuartersAndYears() {
    assertEquals(new Period(2025, 2), Period.parse("2025Q2"));
    assertEquals("2025Q2", Period.parse("2025q2").toString());
    assertTrue(Period.parse("2025").annual());
    assertEquals("2025", Period.parse(" 2025 ").toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Period.parse("2025Q5"));
    assertTrue(e.getMessage().contains("'2025Q5'"));
    assertThrows(IllegalArgumentException.class, () -> Period.parse("2025-Q1"));
  }
}
