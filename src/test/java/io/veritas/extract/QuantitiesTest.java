package io.veritas.extract;

import io.veritas.text.Normalizer;
import io.veritas.text.Script;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuantitiesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "closing in on a $6bn round|6e9|USD|$6bn",
            "完成一轮60亿美元的融资|6e9|USD|60亿美元",
            "完成 E 輪募資 200 億美元|2e10|USD|200 億美元",
            "筹集了1.347亿美元|1.347e8|USD|1.347亿美元",
            "a US$18 billion valuation|1.8e10|USD|US$18 billion",
            "整体估值达到2300亿美元|2.3e11|USD|2300亿美元",
            "每月豪掷十亿美元|1e9|USD|十亿美元",
            "約新台幣 95 億元|9.5e9|TWD|新台幣 95 億元",
            "invest 2 billion dollars in it|2e9|USD|2 billion dollars",
            "raised $250 million|2.5e8|USD|$250 million",
            "市值约1.5万亿美元|1.5e12|USD|1.5万亿美元",
            "ＵＳ＄２０ billion in full width|2e10|USD|US$20 billion",
            "€2.5m seed round|2.5e6|EUR|€2.5m",
    })
    void readsAmounts(String text, double value, String currency, String surface) {
        String normal = Normalizer.nfkc(text);
        List<Quantity> found = Quantities.find(Script.fold(normal));
        assertEquals(1, found.size(), found.toString());
        Quantity q = found.get(0);
        assertEquals(value, q.value(), value * 1e-9);
        assertEquals(currency, q.currency());
        assertEquals(surface, normal.substring(q.start(), q.end()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "高达300亿美元|upTo",
            "约为180亿美元|approx",
            "more than $10 billion|atLeast",
            "less than $10 billion|below",
            "$20 billion|exact",
    })
    void readsBounds(String text, String bound) {
        assertEquals(bound, Quantities.find(Script.fold(text)).get(0).bound());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2023年7月成立", "100 million users", "Grok 5 有 10% 機率", "3 GPUs"})
    void ignoresNumbersThatAreNotMoney(String text) {
        assertEquals(List.of(), Quantities.find(Script.fold(text)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "in talks to raise up to $80 million|up to $80 million",
            "正洽談一筆最高5億美元的新融資|最高5億美元",
            "估值约为40亿元|约为40亿元",
            "raised $12 million|$12 million",
    })
    void anAnswerQuotingAnAmountKeepsItsBound(String text, String quoted) {
        String folded = Script.fold(Normalizer.nfkc(text));
        Quantity q = Quantities.find(folded).get(0);
        assertEquals(quoted, text.substring(Quantities.boundStart(folded, q), q.end()));
    }
}
