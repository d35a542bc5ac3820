package io.veritas.truth.bench;

import io.veritas.truth.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark adapters' normalisation, on cells written in the data sets' own formats. */
class AdaptersTest {
    private static final LocalDate DAY = LocalDate.parse("2011-12-08");

    private static int minutes(String cell) {
        return FlightData.time(cell, DAY).orElseThrow(() -> new AssertionError("no time in '" + cell + "'"));
    }

    @Test
    void flightTimesInEveryFormatBecomeMinutesAfterLocalMidnight() {
        int t = 13 * 60 + 55;
        for (String cell : List.of("December 8, 2011               01:55 PM    ", "12/8/2011 1:55PM EST", "12/8/11 1:55 PM (-05:00)",
                "1:55 PMDec 08", "1:55pDec 8", "Dec 08 - 1:55pm", "2011-12-08 01:55 PM", "1:55P 12-08-11", "01:55 PM  Thu 08-Dec-2011",
                "Thu., Dec.08, 2011 1:55 p.m.", "2011-12-08 13:55 ", "2011-12-08 Thu  13:55", "1:55 PM, Dec 08&nbsp(Estimated)",
                "Thu, Dec 8 1:55 PM Delayed")) {
            assertEquals(t, minutes(cell), cell);
        }
        assertEquals(12 * 60, minutes("Dec 08 - 12:00noon"));
        assertEquals(0, minutes("Dec 08 - 12:00midnight"));
        assertEquals(5, minutes("12:05 AM, Dec 09"), "a landing after midnight belongs to the same flight");
    }

    @Test
    void cellsWithoutATimeOrAboutThePreviousDayAreNoClaim() {
        for (String cell : List.of("", "Not Available", "Dec 08 - Contact Airline", "2011-12-08 Cancelled", "December 8, 2011 ",
                "Thu, Dec 8 Pending will update at9:30 PM", "2011-12-08 12/7 3:55 PM", "3:55 PM, Dec 07")) {
            assertEquals(Optional.empty(), FlightData.time(cell, DAY), cell);
        }
        assertEquals(Optional.of(23 * 60 + 55), FlightData.time("Dec 31 - 11:55pm", LocalDate.parse("2011-12-31")));
        assertEquals(Optional.empty(), FlightData.time("Dec 31 - 11:55pm", LocalDate.parse("2012-01-01")), "the year turns");
    }

    @Test
    void gatesReduceToTheGateInUpperCase() {
        for (String[] c : new String[][]{{"Term C - C44", "C44"}, {"C-44", "C44"}, {"c44/C", "C44"}, {"K5/T3", "K5"},
                {" F80 ", "F80"}, {"Terminal 2 - 29", "29"}, {"39?", "39"}}) {
            assertEquals(c[1], ((Value.Text) FlightData.gate(c[0]).orElseThrow()).text(), c[0]);
        }
        assertEquals("29", FlightData.gate("29").orElseThrow().key());
        assertTrue(!FlightData.gate("29").orElseThrow().key().equals(FlightData.gate("A29").orElseThrow().key()));
        for (String none : List.of("", "-", "--", "Not provided by airline", "Terminal N", "CHK", "HOLD")) {
            assertEquals(Optional.empty(), FlightData.gate(none), none);
        }
    }

    @Test
    void authorListsBecomeFirstLastNamesInOrder() {
        assertEquals(List.of("donald knuth"), AuthorNames.parse("Knuth, Donald E."));
        assertEquals(List.of("donald knuth"), AuthorNames.parse("Donald Ervin Knuth"));
        assertEquals(List.of("donald knuth"), AuthorNames.parse("KNUTH, DONALD E. (Author)"));
        assertEquals(List.of("alfred aho", "jeffrey ullman", "ravi sethi"), AuthorNames.parse("Alfred V. Aho, Jeffrey D. Ullman, Ravi Sethi"));
        assertEquals(List.of("john hopcroft", "rajeev motwani", "jeffrey ullman"),
                AuthorNames.parse("Hopcroft, John E., Motwani, Rajeev, Ullman, Jeffrey D."));
        assertEquals(List.of("kenneth calvert", "michael donahoo"), AuthorNames.parse("Calvert, Kenneth L./ Donahoo, Michael J."));
        assertEquals(List.of("hugh beyer", "karen holtzblatt"), AuthorNames.parse("BEYER, HUGH HOLTZBLATT, KAREN"));
        assertEquals(List.of("david ebert", "f musgrave"), AuthorNames.parse("By (author) Ebert, David S. By (author) Musgrave, F. Kenton"));
        assertEquals(List.of("c date", "hugh darwen"), AuthorNames.parse("Date, C.J.; Darwen, Hugh"));
        assertEquals(List.of("timothy oleary", "linda oleary"), AuthorNames.parse("O'Leary, Timothy J.; O'Leary, Linda I."));
        assertEquals(List.of("everett mckay"), AuthorNames.parse("Everett N. McKay, et al"));
        assertEquals(List.of("knuth"), AuthorNames.parse("Knuth"));
        assertEquals(List.of(), AuthorNames.parse("Not Available"));
        assertEquals(Optional.of("karen jones"), AuthorNames.person("jones, karen sparck"));
    }

    @Test
    void isbn13BecomesIsbn10WithItsCheckDigit() {
        assertEquals(Optional.of("0201853949"), BookData.isbn10("9780201853940"));
        assertEquals(Optional.of("0073516678"), BookData.isbn10("978-0-07-351667-7"));
        assertEquals(Optional.of("0201853949"), BookData.isbn10("0201853949"));
        assertEquals(Optional.empty(), BookData.isbn10("12345"));
    }

    @Test
    void quotedCsvKeepsCommasInsideFields() {
        assertEquals(List.of("cleveland, ohio", "Population2000", "478403", "81676: Beirne", "null"),
                PopulationData.csv("\"cleveland, ohio\",\"Population2000\",\"478403\",\"81676: Beirne\",\"null\""));
    }

    @Test
    void aMalformedLineNamesTheFileTheLineAndWhatToDo(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("flight/data"));
        Files.createDirectories(dir.resolve("flight/truth"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(data.resolve("2011-12-08-data.txt.gz")))) {
            out.write("aa\tAA-1-X-Y\t1:00 PM\t1:05 PM\tA1\t2:00 PM\t2:05 PM\tB2\nbroken line\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        Files.writeString(dir.resolve("flight/truth/2011-12-08-truth.txt"), "AA-1-X-Y\t1:00 PM\t1:05 PM\tA1\t2:00 PM\t2:05 PM\tB2\n");
        BadDataException e = assertThrows(BadDataException.class, () -> FlightData.load(dir, DAY, false));
        assertTrue(e.getMessage().contains("2011-12-08-data.txt.gz:2: expected 8 tab-separated columns"), e.getMessage());
        assertTrue(e.getMessage().contains("Restore"), e.getMessage());

        Files.createDirectories(dir.resolve("population"));
        Files.writeString(dir.resolve("population/population_claims.csv"),
                "\"ObjectID\",\"PropertyID\",\"PropertyValue\",\"SourceID\",\"TimeStamp\"\n\"x\",\"Population2000\",\"many\",\"s\",\"null\"\n");
        Files.writeString(dir.resolve("population/population_truth.csv"), "\"ObjectID\",\"PropertyID\",\"PropertyValue\"\n");
        e = assertThrows(BadDataException.class, () -> PopulationData.load(dir));
        assertTrue(e.getMessage().endsWith("population_claims.csv:2: population 'many' is not a number. Fix or remove the line"), e.getMessage());
    }
}
