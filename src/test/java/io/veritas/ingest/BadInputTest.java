package io.veritas.ingest;

import io.veritas.IngestReport;
import io.veritas.Veritas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encodings and hostile inputs: each is read or refused with a message naming the file; the rest goes in. */
class BadInputTest {
    @TempDir
    Path dir;

    private static final String ARTICLE = "深瞳智能今日宣布完成B轮融资，金额为3亿美元，由港峰资本领投。公司表示，资金将用于研发与海外市场拓展。"
            + "分析人士认为，在算力受限的环境下，能以较少资源做出高准确度模型的团队更容易获得投资人青睐。";

    private IngestReport ingest(Veritas veritas, Path... files) {
        return veritas.ingest(List.of(files), p -> { });
    }

    @Test
    void legacyChineseEncodingsAndUtf16AreDecoded() throws Exception {
        Path gb = dir.resolve("gb.txt");
        Files.write(gb, ARTICLE.getBytes(Charset.forName("GB18030")));
        Path big5 = dir.resolve("big5.txt");
        String hant = "深瞳智能今日宣布完成B輪募資，金額為3億美元，由港峰資本領投。公司表示，資金將用於研發與海外市場拓展。"
                + "分析人士認為，在算力受限的環境下，能以較少資源做出高準確度模型的團隊更容易獲得投資人青睞。";
        Files.write(big5, hant.getBytes(Charset.forName("Big5")));
        Path utf16 = dir.resolve("utf16.txt");
        byte[] body = ARTICLE.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(body, 0, withBom, 2, body.length);
        Files.write(utf16, withBom);
        try (Veritas veritas = Veritas.open(dir.resolve("data"))) {
            IngestReport report = ingest(veritas, gb, big5, utf16);
            assertEquals(List.of(), report.failures());
            assertEquals(2, report.added(), "the GB18030 and UTF-16 copies are the same document");
            assertEquals(1, report.duplicates());
            assertTrue(veritas.search("港峰资本", 5).get(0).text().contains("港峰"));
            assertTrue(veritas.search("港峰資本領投", 5).stream().anyMatch(h -> h.text().contains("港峰資本")), "Big5 decoded");
        }
    }

    @Test
    void damagedUtf8IsKeptWithAWarningAndBinaryOrEmptyFilesAreRefused() throws Exception {
        Path damaged = dir.resolve("damaged.txt");
        byte[] good = (ARTICLE + ARTICLE).getBytes(StandardCharsets.UTF_8);
        good[30] = (byte) 0xFF;
        Files.write(damaged, good);
        Path empty = Files.writeString(dir.resolve("empty.md"), "");
        Path binary = dir.resolve("blob.bin");
        Files.write(binary, new byte[]{1, 2, 3, 0, 4, 5});
        try (Veritas veritas = Veritas.open(dir.resolve("data"))) {
            IngestReport report = ingest(veritas, damaged, empty, binary);
            assertEquals(1, report.added());
            assertEquals(2, report.failures().size(), report.failures().toString());
            assertTrue(report.warnings().get(0).toString().contains("damaged.txt: 1 invalid UTF-8"), report.warnings().toString());
        }
    }

    @Test
    void deeplyNestedHtmlIsReadAndOversizedFilesAreRefused() throws Exception {
        StringBuilder nested = new StringBuilder("<html><body>");
        nested.append("<div>".repeat(20_000)).append("<p>Deep inside, Ferro Labs raised $15 million in a seed round.</p>")
                .append("</div>".repeat(20_000)).append("</body></html>");
        Path deep = Files.writeString(dir.resolve("deep.html"), nested);
        Path huge = dir.resolve("huge.html");
        try (var out = Files.newBufferedWriter(huge)) {
            out.write("<html><body><article>");
            String para = "<p>" + "Filler text about nothing in particular, repeated to make a very large page. ".repeat(20) + "</p>\n";
            for (long written = 0; written < 50L << 20; written += para.length()) {
                out.write(para);
            }
            out.write("</article></body></html>");
        }
        try (Veritas veritas = Veritas.open(dir.resolve("data"))) {
            IngestReport report = ingest(veritas, deep, huge);
            assertEquals(1, report.added(), report.failures().toString());
            assertEquals(1, report.failures().size());
            assertTrue(report.failures().get(0).toString().contains("huge.html: the file is 52.4 MB"), report.failures().toString());
            assertTrue(veritas.search("Ferro Labs", 5).get(0).text().contains("Ferro Labs raised"));
        }
    }

    @Test
    void impossibleAndFutureDatesAreDroppedWithAWarning() throws Exception {
        Path posts = Files.writeString(dir.resolve("posts.jsonl"), """
                {"id": "d1", "published": "2026-13-45", "text": "A post with an impossible date."}
                {"id": "d2", "published": "2099-01-01T00:00:00Z", "text": "A post from the far future."}
                """);
        try (Veritas veritas = Veritas.open(dir.resolve("data"))) {
            IngestReport report = ingest(veritas, posts);
            assertEquals(2, report.added());
            assertEquals(2, report.warnings().size(), report.warnings().toString());
            assertTrue(report.warnings().get(0).toString().contains("posts.jsonl:1: field \"published\" has an unreadable date"));
            assertTrue(report.warnings().get(1).toString().contains("posts.jsonl:2: publication date 2099-01-01T00:00:00Z is in the future"));
            assertEquals(null, veritas.document("d2").published());
        }
    }
}
