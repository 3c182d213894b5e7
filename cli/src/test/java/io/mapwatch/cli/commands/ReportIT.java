package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Workload;
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
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML report of a real recording whose file path holds {@code <script>alert(1)</script>},
 * opened in headless Chromium: no console errors, the path shown as text, a screenshot that is
 * not blank.
 */
class ReportIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String SCRIPT = "<script>alert(1)</script>";

    @TempDir
    static Path dir;
    static Path page;

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
