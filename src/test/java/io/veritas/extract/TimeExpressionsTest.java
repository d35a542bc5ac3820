package io.veritas.extract;

import io.veritas.text.Script;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeExpressionsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "今年1月6日，xAI宣布|2026-01-20|2026-01-06",
            "xAI 週二（6 日）宣布|2026-01-07|2026-01-06",
            "深瞳智能今（10）日對外宣布|2026-03-10|2026-03-10",
            "xAI 於美國時間 6 日宣布|2026-01-07|2026-01-06",
            "估值从2024年末的|2025-06-19|2024-12-31",
            "今年第一季度末的800亿美元|2025-06-19|2025-03-31",
            "到今年第一季度初，现金|2025-06-19|2025-01-01",
            "12月5日，Meta和IBM|2026-01-10|2025-12-05",
            "on January 6, 2026, xAI said|2026-01-08|2026-01-06",
            "by the end of 2024|2025-04-01|2024-12-31",
            "Q1 2025|2025-04-01|2025-03-31",
            "in May 2024|2024-06-01|2024-05-01",
            "2026年1月7日 16:20|2026-01-07|2026-01-07",
            "up from $400 million a year ago|2026-11-20|2025-11-20",
            "valued at $90 million two months ago|2026-05-31|2026-03-31",
            "估值较两个月前翻倍|2026-05-31|2026-03-31",
            "一年前的估值为5亿元|2026-11-20|2025-11-20",
    })
    void resolvesDatesAgainstPublication(String text, String published, String expected) {
        List<TimeExpressions.Mention> found = TimeExpressions.find(Script.fold(text), LocalDate.parse(published));
        assertEquals(LocalDate.parse(expected), found.get(0).date(), found.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"xAI创立于2023年", "Grok 5 with 10% odds", "成立于2021年前后的3家公司"})
    void bareYearsDateNothing(String text) {
        assertEquals(List.of(), TimeExpressions.find(Script.fold(text), LocalDate.parse("2026-01-01")));
    }
}
