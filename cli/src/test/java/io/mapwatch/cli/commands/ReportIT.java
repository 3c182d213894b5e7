package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.HeadlessChromium;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.SyntheticRecording;
import io.mapwatch.cli.Workload;
import io.mapwatch.cli.render.Units;
import io.mapwatch.events.MapwatchEvents;
import io.mapwatch.events.PageFaultStallEvent;
import io.mapwatch.testapps.DemoWorkload;
import io.mapwatch.testapps.MapScenario;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.mapwatch.cli.SyntheticRecording.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * HTML reports opened in headless Chromium and driven as a user would (clicks on headers), through
 * the DevTools protocol ({@link HeadlessChromium}):
 * <ul>
 * <li>a real recording whose file path holds {@code <script>alert(1)</script>}: no console message,
 * the path shown as text, a screenshot that is not blank, and the sentence that says why there is no
 * flame graph;</li>
 * <li>a real recording of the demo's workload, whose cold reader blocks in page faults on a file
 * evicted from the page cache: its flame graph holds the reader's method; a click on a size column
 * sorts the files by bytes, not by their text; the mappings and plan sections show what
 * {@code mappings --format json} and {@code plan --format json} say of the same recording;</li>
 * <li>a synthetic recording with a stall and exact faults on two files (one of them the hostile
 * path): a flame graph per file, named as text.</li>
 * </ul>
 */
class ReportIT {
    private static final String SCRIPT = "<script>alert(1)</script>";
    /** The method of the demo workload that reads the evicted file. */
    private static final String COLD_READER = DemoWorkload.class.getName() + ".readCold";

    @TempDir
    static Path dir;
    static Path page;
    static Path recording;
    static Path flamePage;
    static String hostileFile;
    static Workload.Run cold;
    static Path coldPage;
    static HeadlessChromium chromium;

    @BeforeAll
    static void report() throws Exception {
        Path hostile = Files.createDirectories(dir.resolve("<script>alert(1)<").resolve("script>"));
        Workload.Run run = Workload.record(dir.resolve("report.jfr"), MapScenario.class, "--dir", hostile.toString(),
                "--maps", "READ_ONLY:0:1m:1m,READ_WRITE:0:256k:256k", "--force", "--unmap");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains(SCRIPT), run.output());
        recording = run.recording();
        page = report(recording, "report.html");

        hostileFile = hostile.resolve("cold.dat").toString();
        flamePage = report(stalledOnTwoFiles(), "flame.html");

        cold = Workload.record(dir.resolve("cold.jfr"), DemoWorkload.class, "--dir", dir.resolve("demo").toString(),
                "--index-size", "16m", "--cold-size", "64m", "--seconds", "3");
        assertEquals(0, cold.exitCode(), cold.output());
        coldPage = report(cold.recording(), "cold.html");

        if (HeadlessChromium.installed()) {
            chromium = HeadlessChromium.start(dir);
        }
    }

    @AfterAll
    static void closeChromium() throws InterruptedException {
        if (chromium != null) {
            chromium.close();
        }
    }

    /**
     * A synthetic recording with one stall of 150 ms, the stack JFR sampled right after it, and exact
     * faults on the hostile file and another.
     */
    private static Path stalledOnTwoFiles() {
        return SyntheticRecording.untilSampledSpinning(attempt -> stalledOnTwoFiles(dir.resolve("stalled-" + attempt + ".jfr")));
    }

    private static Path stalledOnTwoFiles(Path file) {
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            commit(SyntheticRecording.source("stalls", MapwatchEvents.SOURCE_OK));
            commit(SyntheticRecording.source("exact", MapwatchEvents.SOURCE_OK));
            commit(SyntheticRecording.map(hostileFile, 0x7f1000000000L, 8 << 20));
            commit(SyntheticRecording.map("/srv/data/busy.dat", 0x7f2000000000L, 8 << 20));
            long self = SyntheticRecording.osThreadId();
            PageFaultStallEvent stall = new PageFaultStallEvent();
            stall.osThreadId = self;
            stall.threadName = "cold-reader";
            stall.samples = 10;
            stall.majorFaults = 10;
            SyntheticRecording.commitStall(stall, 150);
            SyntheticRecording.spinWhereTheSamplerSeesIt(60);
            commit(SyntheticRecording.faultRange(hostileFile, self, "cold-reader", 0, 1 << 20, 10, 140, 2000));
            commit(SyntheticRecording.faultRange("/srv/data/busy.dat", self, "cold-reader", 0, 1 << 20, 500, 5, 2000));
            return synthetic.dump(file);
        }
    }

    private static Path report(Path recording, String name) {
        Path html = dir.resolve(name);
        CliRun report = CliRun.of("report", recording.toString(), "-o", html.toString());
        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertEquals(html.toString(), report.out().strip());
        return html;
    }

    @Test
    void pageNeedsNoNetworkAndFormatsNoNumber() throws IOException {
        String html = Files.readString(page);
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "no external script, style or image");
        assertFalse(html.contains(SCRIPT), "the recording's strings are escaped in the page source");
        assertTrue(html.contains("uPlot"), "the chart library is inlined");
        try (InputStream template = Units.class.getResourceAsStream("report.html")) {
            String script = new String(template.readAllBytes(), StandardCharsets.UTF_8);
            for (String unitsGrammar : List.of("KiB", "MiB", "GiB", "1024", "toFixed", "toLocaleString", "NumberFormat")) {
                assertFalse(script.contains(unitsGrammar), "the page's own script formats no size or number: " + unitsGrammar);
            }
        }
    }

    @Test
    void opensWithoutConsoleMessagesAndShowsTheHostilePathAsText() throws Exception {
        open(page);

        assertTrue((Boolean) chromium.evaluate("document.querySelector('.u-wrap') !== null"), "uPlot drew a chart");
        assertTrue((Boolean) chromium.evaluate("Array.from(document.querySelectorAll('td')).some(td => td.textContent.includes("
                + "'" + SCRIPT + "'))"), "the path is shown as text");
        assertFalse((Boolean) chromium.evaluate("document.body.innerHTML.includes('" + SCRIPT + "')"),
                "no element was made from the path");
        assertEquals(List.of(), chromium.console(), "console messages");
    }

    @Test
    void saysWhyThereIsNoFlameGraph() throws Exception {
        CliRun collapsed = CliRun.of("faults", "--format", "collapsed", recording.toString());
        assertEquals("", collapsed.out(), "MapScenario reads warm pages: no stack stalls");
        String reason = collapsed.err().strip().replace("mapwatch: no stalled stack to write: ", "");

        open(page);

        assertEquals("No flame graph: " + reason + ".", chromium.evaluate("document.getElementById('flame').textContent"));
        assertEquals(0L, chromium.evaluate("document.querySelectorAll('.flame-frame').length"));
    }

    @Test
    void screenshotIsNotBlank() throws Exception {
        open(page);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(chromium.screenshot()));
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, "a drawn page has text, charts and bars: " + colours.size() + " colours");
    }

    @Test
    void theFlameGraphOfAColdReadHoldsTheMethodThatStalled() throws Exception {
        assumeTrue(cold.result("cold_evicted").equals("true"), "eviction did not take: dd iflag=nocache failed");
        assumeTrue(stalls(cold.recording()) > 0,
                "the stall sampler never caught the reader waiting for the disk: the disk served every fault between two samples");
        open(coldPage);

        List<String> boxes = strings("Array.from(document.querySelectorAll('#flame .flame-frame')).map(b => b.textContent)");
        assertTrue(boxes.contains("All stalled stacks"), "the root box names the graph: " + boxes);
        assertTrue(boxes.stream().anyMatch(b -> b.startsWith(COLD_READER)), "the cold reader's frame: " + boxes);
        String collapsed = CliRun.of("faults", "--format", "collapsed", cold.recording().toString()).out();
        assertTrue(collapsed.lines().anyMatch(l -> l.contains(COLD_READER)), "faults --format collapsed agrees:\n" + collapsed);
        assertEquals(List.of(), chromium.console(), "console messages");
    }

    @Test
    void aClickOnASizeHeaderSortsByBytesNotByText() throws Exception {
        open(coldPage);
        String header = "Array.from(document.querySelectorAll('table[data-table=files] th')).find(th => th.textContent === 'Peak mapped')";
        String column = "Array.from(document.querySelectorAll('table[data-table=files] tbody td[data-key=peakMappedBytes]'))";
        List<Map<String, Object>> files = Json.array(CliRun.of("summary", "--format", "json", cold.recording().toString()).json(),
                "mappings");

        chromium.evaluate(header + ".click()");
        List<Long> descending = longs(column + ".map(td => td.getAttribute('data-value'))");
        List<String> descendingText = strings(column + ".map(td => td.textContent)");
        chromium.evaluate(header + ".click()");
        List<Long> ascending = longs(column + ".map(td => td.getAttribute('data-value'))");

        assertTrue(descending.size() >= 5, "the demo maps its index, journal, cold file and segments: " + descending);
        assertEquals(descending.stream().sorted(Comparator.reverseOrder()).toList(), descending, "most bytes first");
        assertEquals(descending.stream().sorted().toList(), ascending, "a second click: fewest first");
        List<String> asText = descendingText.stream().sorted(Comparator.reverseOrder()).toList();
        assertNotEquals(asText, descendingText, "sizes whose text sorts otherwise (256 KiB, 4.00 MiB, 64.0 MiB)");
        for (int i = 0; i < descending.size(); i++) {
            assertEquals(Units.bytes(descending.get(i)), descendingText.get(i), "each cell shows the CLI's text of its value");
            long bytes = descending.get(i);
            assertTrue(files.stream().anyMatch(f -> f.get("peakMappedBytes") != null && Json.number(f, "peakMappedBytes") == bytes),
                    bytes + " is a file's peakMappedBytes in summary --format json");
        }
    }

    @Test
    void aClickOnAColumnWithGapsSortsNotMeasuredLast() throws Exception {
        open(coldPage);
        for (String key : List.of("peakResidentBytes", "peakPageCacheBytes", "stallMillis")) {
            String cells = "Array.from(document.querySelectorAll('table[data-table=files] tbody td[data-key=" + key + "]'))"
                    + ".map(td => td.getAttribute('data-value'))";
            String header = "document.querySelector('table[data-table=files] thead').querySelectorAll('th')["
                    + "Array.from(document.querySelectorAll('table[data-table=files] tbody tr:first-child td')).findIndex(td => "
                    + "td.getAttribute('data-key') === '" + key + "')]";
            for (String order : List.of("descending", "ascending")) {
                chromium.evaluate(header + ".click()");
                assertEquals(order, chromium.evaluate(header + ".getAttribute('aria-sort')"));
                List<String> values = strings(cells);
                int firstGap = values.indexOf("");
                assertTrue(firstGap < 0 || values.subList(firstGap, values.size()).stream().allMatch(String::isEmpty),
                        key + " " + order + ": not measured last: " + values);
                List<Long> measured = values.stream().filter(v -> !v.isEmpty()).map(Long::parseLong).toList();
                List<Long> sorted = measured.stream().sorted(order.equals("ascending") ? Comparator.naturalOrder()
                        : Comparator.reverseOrder()).toList();
                assertEquals(sorted, measured, key + " " + order);
            }
        }
    }

    @Test
    void theMappingsAndPlanSectionsShowWhatTheCommandsSay() throws Exception {
        Object mappings = CliRun.of("mappings", "--format", "json", cold.recording().toString()).json();
        Object plan = CliRun.of("plan", "--format", "json", cold.recording().toString()).json();
        CliRun planText = CliRun.of("plan", cold.recording().toString());
        open(coldPage);

        for (String table : List.of("sites", "lifetimes", "live", "gcFreed", "deletedFiles", "failures")) {
            assertShows(table, Json.array(mappings, table));
        }
        assertShows("plan", Json.array(plan, "plan"));
        String index = dir.resolve("demo").resolve("index.dat").toString();
        assertTrue(strings("Array.from(document.querySelectorAll('table[data-table=live] td[data-key=path]')).map(td => td.textContent)")
                .contains(index), "the index the demo keeps mapped is live at the end");
        Map<String, Object> capacity = Json.array(plan, "plan").get(0);
        assertEquals(Units.bytes(Json.number(capacity, "peakMappedBytes")), chromium.evaluate(
                "document.querySelector('table[data-table=plan] td[data-key=peakMappedBytes]').textContent"));
        List<String> reasons = strings("Array.from(document.querySelectorAll('#plan-reasons dt')).map(dt => dt.textContent + ' '"
                + " + dt.nextElementSibling.textContent)");
        String words = planText.out().replaceAll("\\s+", " ");
        assertEquals(7, reasons.size(), reasons.toString());
        for (String reason : reasons) {
            assertTrue(words.contains(" " + reason.replaceAll("\\s+", " ") + " "), "plan's text says it too: " + reason
                    + "\n" + planText.out());
        }
    }

    @Test
    void drawsAFlameGraphPerFileNamedAsText() throws Exception {
        open(flamePage);

        List<String> boxes = strings("Array.from(document.querySelectorAll('#flame .flame-frame')).map(b => b.textContent)");
        assertTrue(boxes.contains("All stalled stacks"), "the root box names the graph: " + boxes + "; "
                + chromium.evaluate("document.getElementById('flame').textContent"));
        assertTrue(boxes.stream().anyMatch(b -> b.startsWith("io.mapwatch.cli.SyntheticRecording.spinWhereTheSamplerSeesIt")),
                "the frame sampled right after the stall: " + boxes);
        List<String> graphs = strings("Array.from(document.querySelectorAll('#flame-graph option')).map(o => o.textContent)");
        assertTrue(graphs.stream().anyMatch(g -> g.startsWith("Stalls on " + hostileFile + " (")),
                "a graph of the stalls on the file, its path shown as text: " + graphs);
        assertFalse((Boolean) chromium.evaluate("document.body.innerHTML.includes('" + SCRIPT + "')"),
                "no element was made from the path");
    }

    /**
     * The table {@code key} of the page shows {@code rows} in their order: each cell's raw value
     * ({@code data-value}) is the JSON's, for every column the page shows; no table for none.
     */
    private static void assertShows(String key, List<Map<String, Object>> rows) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shown = (List<Map<String, Object>>) chromium.evaluate("Array.from(document.querySelectorAll("
                + "'table[data-table=" + key + "] tbody tr')).map(tr => Object.fromEntries(Array.from(tr.querySelectorAll("
                + "'td[data-key]')).map(td => [td.getAttribute('data-key'), td.getAttribute('data-value')])))");
        assertEquals(rows.size(), shown.size(), key + ": " + shown);
        for (int i = 0; i < rows.size(); i++) {
            assertFalse(shown.get(i).isEmpty(), key + " shows values");
            for (Map.Entry<String, Object> cell : shown.get(i).entrySet()) {
                Object json = rows.get(i).get(cell.getKey());
                String value = (String) cell.getValue();
                if (json instanceof Number number) {
                    assertEquals(number.doubleValue(), Double.parseDouble(value), key + "[" + i + "]." + cell.getKey());
                } else {
                    assertEquals(json == null ? "" : json.toString(), value, key + "[" + i + "]." + cell.getKey());
                }
            }
        }
    }

    /** Opens {@code html} in Chromium (a test skips without it) and checks that its script ran to the end. */
    private static void open(Path html) throws InterruptedException {
        assumeTrue(chromium != null, HeadlessChromium.MISSING);
        chromium.open(html.toUri());
        assertEquals("yes", chromium.evaluate("document.body.getAttribute('data-rendered')"), "the page script ran to its end");
        assertEquals("0", chromium.evaluate("document.body.getAttribute('data-errors')"), "no script error");
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(String expression) {
        return (List<String>) chromium.evaluate(expression);
    }

    private static List<Long> longs(String expression) {
        return strings(expression).stream().map(Long::parseLong).toList();
    }

    private static long stalls(Path jfr) throws IOException {
        return RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(MapwatchEvents.PAGE_FAULT_STALL)).count();
    }
}
