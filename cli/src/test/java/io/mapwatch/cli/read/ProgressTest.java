package io.mapwatch.cli.read;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
    @Test
    void theLineSaysWhatIsReadHowFarAndHowLong() {
        assertEquals("mapwatch: reading app.jfr: 45% (3 s)", Progress.line("app.jfr", 0.451, Duration.ofMillis(3400)));
        assertEquals("mapwatch: reading app.jfr: 0% (0 s)", Progress.line("app.jfr", -0.2, Duration.ZERO),
                "before the window counts as nothing read");
        assertEquals("mapwatch: reading 3 recordings: 100% (61 s)", Progress.line("3 recordings", 1.7, Duration.ofSeconds(61)));
    }

    @Test
    void aLongReadRewritesOneLineAndErasesItAtTheEnd() throws Exception {
        StringWriter err = new StringWriter();
        AtomicReference<Double> share = new AtomicReference<>(0.25);
        Progress progress = Progress.showing("app.jfr", share::get, new PrintWriter(err), Duration.ofMillis(20),
                Duration.ofMillis(10));
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!shown(err).contains("25%")) {
            assertTrue(System.nanoTime() < deadline, "shown within a minute: " + err);
            Thread.sleep(5);
        }
        share.set(0.5);
        while (!shown(err).contains("50%")) {
            assertTrue(System.nanoTime() < deadline, "updated within a minute: " + err);
            Thread.sleep(5);
        }
        progress.close();
        String written = shown(err);
        assertTrue(written.startsWith("\rmapwatch: reading app.jfr: 25% ("), written);
        assertTrue(written.matches("(?s).*\r +\r$"), "the line is erased at the end: " + written.replace("\r", "\\r"));
        assertTrue(!written.contains("\n"), "one line, rewritten in place: " + written);
        Thread.sleep(50);
        assertEquals(written, shown(err), "nothing after the end");
    }

    @Test
    void aReadWhileStderrIsNoTerminalShowsNothing() throws Exception {
        StringWriter err = new StringWriter();
        try (Progress progress = Progress.of("app.jfr", () -> 0.5, new PrintWriter(err))) {
            assertTrue(progress != null);
        }
        assertEquals("", err.toString(), "surefire's stderr is a pipe");
    }

    private static String shown(StringWriter err) {
        synchronized (err) {
            return err.toString();
        }
    }
}
