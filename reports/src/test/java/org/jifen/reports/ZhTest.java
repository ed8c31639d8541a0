package org.jifen.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chinese number and period formatting (DOMAIN §8 "Numbers"). */
class ZhTest {
  @Test
  void countsRatesAndScores() {
    assertEquals("1,234名", Zh.persons(1234));
    assertEquals("0名", Zh.persons(0));
    assertEquals("95.3%", Zh.pct(new BigDecimal("0.9533")));
    assertEquals("95.5%", Zh.pct(new BigDecimal("0.9546")));
    assertEquals("100.0%", Zh.pct(BigDecimal.ONE));
    assertEquals("0.1%", Zh.pct(new BigDecimal("0.0005")), "half-up on the exact decimal");
    assertEquals("—", Zh.pct(null));
    assertEquals("86.12分", Zh.mean(new BigDecimal("86.12")));
    assertEquals("86.10分", Zh.mean(new BigDecimal("86.1")));
    assertEquals("77.0分", Zh.score(new BigDecimal("77.0")));
  }

  @Test
  void changes() {
    assertEquals("上升1.23分", Zh.meanChange(new BigDecimal("1.23")));
    assertEquals("下降0.50分", Zh.meanChange(new BigDecimal("-0.5")));
    assertEquals("持平", Zh.meanChange(new BigDecimal("0.00")));
    assertEquals("提高2.1个百分点", Zh.shareChange(new BigDecimal("0.0214")));
    assertEquals("降低0.3个百分点", Zh.shareChange(new BigDecimal("-0.0025")));
    assertEquals("持平", Zh.shareChange(new BigDecimal("0.0004")));
  }

  @Test
  void periods() {
    assertEquals("2025年第二季度", Zh.periodLabel("2025Q2"));
    assertEquals("2024年第四季度", Zh.periodLabel("2024Q4"));
    assertEquals("2025年上半年", Zh.periodLabel("2025H1"));
    assertEquals("2025年度", Zh.periodLabel("2025"));
    assertEquals("第三季度", Zh.quarterName(3));
    assertEquals("2025年10月15日 10:30", Zh.dateTime(Instant.parse("2025-10-15T02:30:00Z"), PackOptions.DEFAULT_ZONE));
    assertEquals("甲、乙、丙", Zh.enumerate(List.of("甲", "乙", "丙")));
  }
}
