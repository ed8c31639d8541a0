package org.jifen.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConformFunctionsTest {
  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', value = {
      "2025-03-05|2025-03-05",
      "2025-3-5|2025-03-05",
      "2025/3/5|2025-03-05",
      "2025/03/05|2025-03-05",
      "2025年3月5日|2025-03-05",
      "2025 年 3 月 5 日|2025-03-05",
      "2025-03-05 00:00:00|2025-03-05",
      "' 2025-12-31 '|2025-12-31"})
  void readsEveryLedgerDateForm(String text, String expected) {
    assertEquals(LocalDate.parse(expected), ConformFunctions.parseDate(text));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "2025-02-30", "2025-13-01", "三月五日", "45678", "2025-03", "05/03/2025"})
  void rejectsWhatIsNotADate(String text) {
    assertNull(ConformFunctions.parseDate(text));
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', value = {
      "3|3.00", "-5|-5.00", "+2|2.00", "2.5|2.50", "-0.50|-0.50", "３|3.00", "－５|-5.00", "−3|-3.00", "' 4 '|4.00"})
  void readsNumbersInTheirTextForms(String text, String expected) {
    assertEquals(new BigDecimal(expected), ConformFunctions.parseNumber(text));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "三分", "3分", "1,5", "1.234", "--5", "5-", "1e3"})
  void rejectsWhatIsNotAPlainNumber(String text) {
    assertNull(ConformFunctions.parseNumber(text));
  }
}
