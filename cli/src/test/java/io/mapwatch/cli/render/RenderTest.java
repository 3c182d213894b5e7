package io.mapwatch.cli.render;

import io.mapwatch.cli.CliException;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderTest {
    private static final String LONG_PATH = "/var/lib/search/indices/" + "x".repeat(150) + "/segment_1.cfs";

    static Document document() {
        Document document = new Document();
        document.add(new Fields("totals", "Totals").add("peakMappedBytes", "Peak mapped", Kind.BYTES, 3L << 30)
                .add("time", "At", Kind.TIME, Instant.parse("2026-01-02T03:04:05Z")));
        Table table = document.add(new Table("files", "Files", List.of(new Column("path", "FILE", Kind.PATH),
                new Column("bytes", "SIZE", Kind.BYTES), new Column("stallMillis", "STALL", Kind.MILLIS),
                new Column("share", "SHARE", Kind.SHARE), Column.dataOnly("frames", Kind.LINES))));
        table.row(LONG_PATH, 1536L, -1L, 0.25, List.of("a.B.c:1", "d.E.f:2"));
        table.row("/a \"quoted\", path", 0L, 1500L, -1.0, List.of());
        document.note("A note for people.");
        return document;
    }

    static String render(Format format) {
        return render(format, document());
    }

    @Test
    void jsonHasTheKeysAndRawNumbers() {
        Object json = Json.parse(render(Format.json));
        assertEquals(3L << 30, Json.number(Json.object(json, "totals"), "peakMappedBytes"));
        assertEquals("2026-01-02T03:04:05Z", Json.object(json, "totals").get("time"));
        Map<String, Object> first = Json.array(json, "files").get(0);
        assertEquals(LONG_PATH, first.get("path"));
        assertTrue(first.containsKey("stallMillis"), first.toString());
        assertNull(first.get("stallMillis"), "not measured is null in JSON");
        assertNull(Json.array(json, "files").get(1).get("share"), "a share not measured too");
        assertEquals(List.of("a.B.c:1", "d.E.f:2"), first.get("frames"));
        assertEquals(List.of("A note for people."), ((Map<?, ?>) json).get("notes"));
    }

    @Test
    void textFitsATerminalAndSaysDashForNotMeasured() {
        String text = render(Format.text);
        assertTrue(text.lines().allMatch(l -> l.length() <= TextRenderer.WIDTH), text);
        assertTrue(text.contains("/var/lib/search/indices/.../segment_1.cfs"), "a long path keeps its start and its"
                + " file name: " + text);
        assertTrue(text.contains("1.50 KiB") && text.contains("1.50 s") && text.contains("25%"), text);
        assertFalse(text.contains("a.B.c:1"), "data-only columns stay out of text: " + text);
        assertTrue(text.contains("Peak mapped: 3.00 GiB"), text);
    }

    @Test
    void csvWritesTheOneTableAskedForWithOneHeaderRow() {
        String csv = render(Format.csv, document(), Layout.table("files"));
        assertEquals("path,bytes,stallMillis,share,frames\r\n"
                + LONG_PATH + ",1536,,0.25,a.B.c:1 < d.E.f:2\r\n"
                + "\"/a \"\"quoted\"\", path\",0,1500,,\r\n", csv, "not measured is an empty cell");
        assertEquals("peakMappedBytes,time\r\n3221225472,2026-01-02T03:04:05Z\r\n",
                render(Format.csv, document(), Layout.table("totals")), "fields are a table of one row");
    }

    @Test
    void csvWithoutATableOrWithAnUnknownOneIsAUsageErrorNamingTheTables() {
        CliException none = assertThrows(CliException.class, () -> render(Format.csv, document(), Layout.DEFAULT));
        assertEquals(ExitCode.USAGE, none.exitCode());
        assertEquals("--format csv writes one table; choose it with --table NAME, one of: totals, files", none.getMessage());
        CliException unknown = assertThrows(CliException.class, () -> render(Format.csv, nested(true), Layout.table("x")));
        assertEquals("there is no table x here; --table takes one of: files, files.ranges", unknown.getMessage());
    }

    @Test
    void textShortensOnlyPathsAndKeepsEveryOtherColumnWhole() {
        Document document = new Document();
        String thread = "elasticsearch[node-1][search][T#12]";
        document.add(new Table("files", "Files", List.of(new Column("path", "FILE", Kind.PATH),
                new Column("thread", "THREAD", Kind.TEXT), new Column("kind", "KIND", Kind.TEXT))))
                .row("/var/lib/es/data/nodes/0/indices/Zx1/0/index/_0.cfs", thread, "FILE_EXTENDED_BY_MAP")
                .row("/var/lib/es/data/nodes/0/indices/Zx1/1/index/_1_Lucene90_0.dvd", thread, "FILE_TRUNCATED");

        String wide = render(Format.text, document, new Layout(200, null));
        assertTrue(wide.contains("\n/var/lib/es/data/nodes/0/indices/Zx1/0/index/_0.cfs ") && !wide.contains("  in "),
                "fits as it is: " + wide);

        String narrow = render(Format.text, document, new Layout(90, null));
        assertTrue(narrow.lines().allMatch(l -> l.length() <= 90), narrow);
        assertTrue(narrow.contains("\n  in /var/lib/es/data/nodes/0/indices/Zx1/\n"), "the common folder once: " + narrow);
        assertTrue(narrow.contains("\n0/index/_0.cfs ") && narrow.contains("FILE_EXTENDED_BY_MAP"), narrow);
        assertTrue(narrow.contains(thread + "  FILE_EXTENDED_BY_MAP"), "thread names and kinds whole: " + narrow);

        String tight = render(Format.text, document, new Layout(40, null));
        assertTrue(tight.contains("1/index/.../_1_Lucene90_0.dvd") || tight.contains(".../_1_Lucene90_0.dvd"),
                "the middle elided, the file name kept: " + tight);
        assertTrue(tight.contains(thread + "  FILE_EXTENDED_BY_MAP"), "wider than asked rather than cut: " + tight);
    }

    @Test
    void aNoteWithAWordLongerThanTheWidthIsPrintedOnce() {
        Document document = new Document().note("  see " + "x".repeat(60) + " and " + "y".repeat(60));
        String text = render(Format.text, document, new Layout(50, null));
        assertEquals(2, text.lines().count(), text);
    }

    @Test
    void aPathLosesItsMiddleBeforeItsFileName() {
        assertEquals("/var/lib/.../segment_1.cfs", TextTable.elide("/var/lib/search/indices/abc/segment_1.cfs", 27));
        assertEquals("/a/b.cfs", TextTable.elide("/a/b.cfs", 8));
        assertEquals("...ry_long_file_name.cfs", TextTable.elide("/x/" + "a_very_long_file_name.cfs", 24));
    }

    /** A file with two nested ranges, one whose ranges are not measured, one with none. */
    static Document nested(boolean inText) {
        record Range(long offset, long faults) {
        }
        record File(String path, List<Range> ranges) {
        }
        Columns<Range> ranges = new Columns<Range>().add("offset", "FROM", Kind.BYTES, Range::offset)
                .add("majorFaults", "FAULTS", Kind.COUNT, Range::faults);
        Document document = new Document();
        document.add(new Columns<File>().add("path", "FILE", Kind.TEXT, File::path)
                .nested("ranges", "Ranges by file", inText, ranges, File::ranges)
                .table("files", "Files", List.of(new File("/a", List.of(new Range(0, 3), new Range(4096, 1))),
                        new File("/b", null), new File("/c", List.of()))));
        return document;
    }

    static String render(Format format, Document document) {
        return render(format, document, Layout.DEFAULT);
    }

    static String render(Format format, Document document, Layout layout) {
        StringWriter out = new StringWriter();
        format.render(document, layout, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void nestedRowsAreArraysInJsonAndTablesOfTheirOwnInCsvAndText() {
        Object json = Json.parse(render(Format.json, nested(true)));
        List<Map<String, Object>> files = Json.array(json, "files");
        assertEquals(List.of(Map.of("offset", 0L, "majorFaults", 3L), Map.of("offset", 4096L, "majorFaults", 1L)),
                files.get(0).get("ranges"));
        assertTrue(files.get(1).containsKey("ranges") && files.get(1).get("ranges") == null, "not measured is null");
        assertEquals(List.of(), files.get(2).get("ranges"));

        assertEquals("path\r\n/a\r\n/b\r\n/c\r\n", render(Format.csv, nested(true), Layout.table("files")));
        assertEquals("path,offset,majorFaults\r\n/a,0,3\r\n/a,4096,1\r\n",
                render(Format.csv, nested(true), Layout.table("files.ranges")));

        String text = render(Format.text, nested(true));
        assertTrue(text.contains("Ranges by file\nFILE      FROM  FAULTS\n/a         0 B       3\n/a    4.00 KiB       1\n"), text);
        assertFalse(render(Format.text, nested(false)).contains("Ranges"), "a data-only nested column stays out of text");
    }

    @Test
    void htmlJsonEscapesMarkup() {
        Document document = new Document();
        document.add(new Fields("recording", "Recording").add("path", "Path", Kind.TEXT, "</script><script>alert(1)</script>&"));
        StringWriter out = new StringWriter();
        JsonRenderer.renderForPage(document, out);
        assertFalse(out.toString().contains("<"), out.toString());
        assertFalse(out.toString().contains("&"), out.toString());
        Object page = Json.parse(out.toString());
        assertEquals("</script><script>alert(1)</script>&", Json.object(Json.object(page, "data"), "recording").get("path"));
        assertEquals("</script><script>alert(1)</script>&", Json.object(Json.object(page, "text"), "recording").get("path"));
    }

    @Test
    void thePageGetsEveryValueAsTextOutputWritesIt() {
        StringWriter out = new StringWriter();
        JsonRenderer.renderForPage(document(), out);
        Object page = Json.parse(out.toString());
        Map<String, Object> text = Json.object(page, "text");
        assertEquals("3.00 GiB", Json.object(text, "totals").get("peakMappedBytes"));
        assertEquals("2026-01-02T03:04:05Z", Json.object(text, "totals").get("time"));
        Map<String, Object> first = Json.array(text, "files").get(0);
        assertEquals("1.50 KiB", first.get("bytes"));
        assertEquals("-", first.get("stallMillis"), "not measured");
        assertEquals("25%", first.get("share"));
        assertEquals("1.50 s", Json.array(text, "files").get(1).get("stallMillis"));
        assertEquals(1536L, Json.number(Json.array(Json.object(page, "data"), "files").get(0), "bytes"), "the data beside");
    }

    @Test
    void chartAxesGetTicksTheCliLabels() {
        StringWriter out = new StringWriter();
        JsonRenderer.renderForPage(document(), out);
        Map<String, Object> files = Json.object(Json.object(Json.parse(out.toString()), "ticks"), "files");
        assertEquals(List.of(List.of(0L, "0 B"), List.of(512L, "512 B"), List.of(1024L, "1.00 KiB"),
                List.of(1536L, "1.50 KiB")), files.get("bytes"), "powers of two up to the largest size, 1536");
        assertEquals(List.of(List.of(0L, "0 ms"), List.of(500L, "500 ms"), List.of(1000L, "1.00 s"),
                List.of(1500L, "1.50 s")), files.get("stallMillis"), "the -1 of not measured is no value");
        assertFalse(files.containsKey("path") || files.containsKey("share"), "text and shares are not charted");
    }

    @Test
    void axisTicksReachTheLargestValueInAFewRoundSteps() {
        assertEquals(List.of(0L, 1L), AxisTicks.of(Kind.COUNT, 0));
        assertEquals(List.of(0L, 2L, 4L, 6L, 8L), AxisTicks.of(Kind.COUNT, 7));
        assertEquals(List.of(0L, 50L, 100L, 150L), AxisTicks.of(Kind.MILLIS, 120));
        assertEquals(List.of(0L, 1_000_000L, 2_000_000L, 3_000_000L), AxisTicks.of(Kind.COUNT, 3_000_000));
        assertEquals(List.of(0L, 64L << 20, 128L << 20, 192L << 20, 256L << 20, 320L << 20),
                AxisTicks.of(Kind.BYTES, 300L << 20));
        assertEquals(List.of(0L, 256L << 20, 512L << 20, 768L << 20, 1L << 30), AxisTicks.of(Kind.BYTES, 1L << 30));
        for (long max : new long[]{1, 9, 10, 11, 99_999, Long.MAX_VALUE / 8}) {
            for (Kind kind : new Kind[]{Kind.BYTES, Kind.COUNT, Kind.MILLIS}) {
                List<Long> ticks = AxisTicks.of(kind, max);
                assertTrue(ticks.size() - 1 <= AxisTicks.MAX_STEPS && ticks.get(ticks.size() - 1) >= max,
                        kind + " " + max + ": " + ticks);
            }
        }
    }

    @Test
    void templateIsFilledInOnePass() {
        String page = HtmlReport.fill("a{{x}}b{{y}}c", Map.of("x", "{{y}}", "y", "Y"));
        assertEquals("a{{y}}bYc", page);
    }
}
