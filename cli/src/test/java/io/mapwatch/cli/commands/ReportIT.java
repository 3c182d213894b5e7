package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.SyntheticRecording;
import io.mapwatch.cli.Workload;
import io.mapwatch.events.MapwatchEvents;
import io.mapwatch.events.PageFaultStallEvent;
import io.mapwatch.testapps.MapScenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.mapwatch.cli.SyntheticRecording.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML report of a real recording whose file path holds {@code <script>alert(1)</script>},
 * opened in headless Chromium: no console errors, the path shown as text, a screenshot that is
 * not blank. And the report of a synthetic recording with a stall, the stack sampled right after
 * it and exact faults on two files (one of them that hostile path): the flame graph of the stacks
 * that stalled is drawn, and a click on a header sorts a table.
 */
class ReportIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String SCRIPT = "<script>alert(1)</script>";

    @TempDir
    static Path dir;
    static Path page;
    static Path flamePage;
    static String hostileFile;
    static final String BUSY_FILE = "/srv/data/busy.dat";

    @BeforeAll
    static void report() throws IOException {
        Path hostile = Files.createDirectories(dir.resolve("<script>alert(1)<").resolve("script>"));
        Workload.Run run = Workload.record(dir.resolve("report.jfr"), MapScenario.class, "--dir", hostile.toString(),
                "--maps", "READ_ONLY:0:1m:1m,READ_WRITE:0:256k:256k", "--force", "--unmap");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains(SCRIPT), run.output());
        page = dir.resolve("report.html");

        CliRun report = CliRun.of("report", run.recording().toString(), "-o", page.toString());

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertEquals(page.toString(), report.out().strip());

        hostileFile = hostile.resolve("cold.dat").toString();
        Path stalled;
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            commit(SyntheticRecording.source("stalls", MapwatchEvents.SOURCE_OK));
            commit(SyntheticRecording.source("exact", MapwatchEvents.SOURCE_OK));
            commit(SyntheticRecording.map(hostileFile, 0x7f1000000000L, 8 << 20));
            commit(SyntheticRecording.map(BUSY_FILE, 0x7f2000000000L, 8 << 20));
            long self = SyntheticRecording.osThreadId();
            PageFaultStallEvent stall = new PageFaultStallEvent();
            stall.osThreadId = self;
            stall.threadName = "cold-reader";
            stall.samples = 10;
            stall.majorFaults = 10;
            SyntheticRecording.commitAfter(stall, 150);
            SyntheticRecording.spinWhereTheSamplerSeesIt(60);
            commit(SyntheticRecording.faultRange(hostileFile, self, "cold-reader", 0, 1 << 20, 10, 140, 2000));
            commit(SyntheticRecording.faultRange(BUSY_FILE, self, "cold-reader", 0, 1 << 20, 500, 5, 2000));
            stalled = synthetic.dump(dir.resolve("stalled.jfr"));
        }
        flamePage = dir.resolve("flame.html");
        CliRun flame = CliRun.of("report", stalled.toString(), "-o", flamePage.toString());
        assertEquals(ExitCode.OK, flame.exitCode(), flame.toString());
    }

    @Test
    void pageNeedsNoNetwork() throws IOException {
        String html = Files.readString(page);
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "no external script, style or image");
        assertFalse(html.contains(SCRIPT), "the recording's strings are escaped in the page source");
        assertTrue(html.contains("uPlot"), "the chart library is inlined");
    }

    @Test
    void opensWithoutConsoleErrorsAndShowsHostilePathAsText() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (apt-get install -y chromium)");
        Chromium run = chromium("--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString());

        assertEquals(0, run.exitCode, run.stderr);
        List<String> console = run.stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertEquals(List.of(), console, "console messages");
        assertTrue(run.stdout.contains("data-rendered=\"yes\""), "the page script ran to its end:\n" + run.stdout);
        assertTrue(run.stdout.contains("data-errors=\"0\""), "no script error:\n" + run.stdout);
        assertTrue(run.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the path is shown as text");
        assertFalse(run.stdout.contains(SCRIPT), "no element was made from the path");
        assertTrue(run.stdout.contains("class=\"u-wrap\""), "uPlot drew a chart");
    }

    @Test
    void screenshotIsNotBlank() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (apt-get install -y chromium)");
        Path shot = dir.resolve("report.png");
        Chromium run = chromium("--screenshot=" + shot, "--window-size=1280,2000", page.toUri().toString());

        assertEquals(0, run.exitCode, run.stderr);
        BufferedImage image = ImageIO.read(shot.toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, "a drawn page has text, charts and bars: " + colours.size() + " colours");
    }

    @Test
    void drawsTheFlameGraphOfTheStacksThatStalled() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (apt-get install -y chromium)");
        Chromium run = chromium("--enable-logging=stderr", "--v=0", "--dump-dom", flamePage.toUri().toString());

        assertEquals(0, run.exitCode, run.stderr);
        assertEquals(List.of(), run.stderr.lines().filter(l -> l.contains(":CONSOLE")).toList(), "console messages");
        assertTrue(run.stdout.contains("data-errors=\"0\"") && run.stdout.contains("data-rendered=\"yes\""), run.stdout);
        List<String> boxes = Pattern.compile("<div class=\"flame-frame\"[^>]*>([^<]*)</div>").matcher(run.stdout).results()
                .map(m -> m.group(1)).toList();
        assertTrue(boxes.contains("All stalled stacks"), "the root box names the graph: " + boxes);
        assertTrue(boxes.stream().anyMatch(b -> b.startsWith("io.mapwatch.cli.SyntheticRecording.spinWhereTheSamplerSeesIt")),
                "the frame sampled right after the stall: " + boxes);
        assertTrue(run.stdout.contains("Stalls on " + hostileFile.replace("<", "&lt;").replace(">", "&gt;")),
                "a graph of the stalls on the file, its path shown as text");
        assertFalse(run.stdout.contains(SCRIPT), "no element was made from the path");
    }

    @Test
    void aClickOnAHeaderSortsTheTable() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (apt-get install -y chromium)");
        Path wrapper = dir.resolve("sort.html");
        Files.writeString(wrapper, """
                <!DOCTYPE html><html><body><iframe id="report" src="flame.html" width="1200" height="900"></iframe>
                <script>
                  document.getElementById("report").addEventListener("load", function () {
                    var page = document.getElementById("report").contentDocument;
                    var table = page.querySelector('table[data-table="faultedFiles"]');
                    var header = Array.from(table.querySelectorAll("th")).find(function (th) { return th.textContent === "Major faults"; });
                    function firstFile() { return table.querySelector("tbody tr td").textContent; }
                    var before = firstFile();
                    header.click();
                    var descending = firstFile();
                    header.click();
                    document.body.setAttribute("data-order", [before, descending, firstFile()].join("|"));
                  });
                </script></body></html>
                """);
        Chromium run = chromium("--allow-file-access-from-files", "--dump-dom", wrapper.toUri().toString());

        assertEquals(0, run.exitCode, run.stderr);
        Matcher order = Pattern.compile("data-order=\"([^\"]*)\"").matcher(run.stdout);
        assertTrue(order.find(), "the wrapper read the report's table: " + run.stdout);
        String got = order.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        assertEquals(hostileFile + "|" + BUSY_FILE + "|" + hostileFile, got,
                "by stall time first, then by major faults, most first, then least first");
    }

    private record Chromium(int exitCode, String stdout, String stderr) {
    }

    private static Chromium chromium(String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(err));
        }
        return new Chromium(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
