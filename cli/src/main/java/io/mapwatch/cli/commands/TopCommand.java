package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliException;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.attach.AgentJar;
import io.mapwatch.cli.attach.AttachedJvm;
import io.mapwatch.cli.attach.JvmProcess;
import io.mapwatch.cli.attach.LiveEventStream;
import io.mapwatch.cli.attach.RecordingEnd;
import io.mapwatch.cli.live.IntervalEvents;
import io.mapwatch.cli.live.ProcessSample;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.JsonRenderer;
import io.mapwatch.cli.render.Terminal;
import io.mapwatch.cli.render.TextRenderer;
import io.mapwatch.cli.views.TopView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "top",
        mixinStandardHelpOptions = true,
        description = {"A live view of a running JVM's mapped files, refreshed every --interval until Ctrl-C: files by"
                + " resident bytes, major faults and page-fault stall time in the last interval, the mapping count"
                + " against vm.max_map_count, memory pressure. It loads the mapwatch agent if the JVM does not run it"
                + " yet (as record does) and streams the agent's events over JMX; no recording is written, and the"
                + " JVM's recording of them ends with this command.",
                "Text redraws the screen on a terminal and prints one block per interval otherwise; --format json"
                        + " prints one JSON object per line and interval."},
        footerHeading = "%nExamples:%n",
        footer = {"  mapwatch top 4242",
                "  mapwatch top 4242 --format json --count 10 | jq -c '.files[0]'"})
public final class TopCommand implements Callable<Integer> {
    private static final int MIN_WIDTH = 40;
    /** Lines of a screen that are not file rows: the header, titles, threads, hazards. */
    private static final int OTHER_LINES = 16;
    /** File rows of text that is not redrawn on a terminal. */
    private static final int TEXT_FILES = 20;
    /** How long the first interval waits for the stream to start. */
    private static final Duration FIRST_EVENTS = Duration.ofSeconds(10);

    /** The formats of {@code top}: CSV would be several tables every interval. */
    enum TopFormat { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "The JVM to watch (mapwatch record --list shows them).")
    long pid;

    @Option(names = "--interval", defaultValue = "1s", paramLabel = "TIME", converter = RecordCommand.DurationConverter.class,
            description = "Time between two views: 500ms, 1s, 5s (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N intervals (default: run until Ctrl-C).")
    Integer count;

    @Option(names = "--width", paramLabel = "N",
            description = "Fit text to N columns (default: the terminal's width, else 120).")
    Integer width;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TopFormat format;

    @Option(names = "--agent", paramLabel = "JAR",
            description = "The agent jar to load if the JVM runs none (default: the one inside this CLI, copied once into"
                    + " ~/.cache/mapwatch).")
    Path agent;

    @Override
    public Integer call() throws InterruptedException {
        RecordCommand.requireJdkModules("top");
        if (count != null && count < 1) {
            throw usage("--count must be 1 or more");
        }
        if (width != null && width < MIN_WIDTH) {
            throw usage("--width must be " + MIN_WIDTH + " or more");
        }
        JvmProcess process = JvmProcess.of(pid);
        process.checkAttachable();
        AgentJar jar = agent != null ? AgentJar.at(agent) : AgentJar.bundled();
        AttachedJvm.Prepared jvm = AttachedJvm.prepare(process, jar, null);
        IntervalEvents events = new IntervalEvents();
        boolean ended;
        try (RecordingEnd end = RecordingEnd.watching(pid);
             LiveEventStream stream = LiveEventStream.start(pid, jvm.jmxAddress(), jar.settings(), events);
             Screen screen = new Screen(spec.commandLine().getOut())) {
            stream.awaitFirstEvents(FIRST_EVENTS);
            ended = watch(process, end, events, screen);
        }
        if (ended) {
            spec.commandLine().getErr().println("mapwatch: process " + pid + " ended");
            spec.commandLine().getErr().flush();
        }
        return ExitCode.OK;
    }

    /** Shows an interval at a time until the count, a signal or the end of the JVM; true for the end of the JVM. */
    private boolean watch(JvmProcess process, RecordingEnd end, IntervalEvents events, Screen screen)
            throws InterruptedException {
        long maxMapCount = maxMapCount();
        ProcessSample before = read();
        if (before == null) {
            return true;
        }
        events.drain();
        long next = before.nanoTime() + interval.toNanos();
        for (int shown = 0; count == null || shown < count; shown++) {
            RecordingEnd.Reason reason = end.await(Duration.ofNanos(Math.max(0, next - System.nanoTime())));
            if (reason != RecordingEnd.Reason.DURATION) {
                return reason == RecordingEnd.Reason.JVM_EXITED;
            }
            ProcessSample now = read();
            if (now == null) {
                return true;
            }
            screen.show(TopView.of(pid, process.name(), interval, before, now, events.drain(), maxMapCount,
                    screen.fileRows()));
            before = now;
            next = Math.max(next + interval.toNanos(), now.nanoTime());
        }
        return false;
    }

    /** The process now; null when it ended. */
    private ProcessSample read() {
        try {
            return ProcessSample.read(pid);
        } catch (IOException e) {
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return null;
            }
            throw CliException.badInput("cannot read /proc/" + pid + " (" + e.getMessage() + "); run as the JVM's user");
        }
    }

    /**
     * {@code vm.max_map_count}: the kernel's limit on the mappings of one process; -1 if unreadable.
     * Read as a stream: JDK 17's {@code Files.readString} returns the first character of a /proc/sys file only.
     */
    private static long maxMapCount() {
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/vm/max_map_count"))) {
            return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException unreadable) {
            return -1;
        }
    }

    private ParameterException usage(String sentence) {
        return new ParameterException(spec.commandLine(), sentence);
    }

    /**
     * Where the views go: JSON, one line each; text redrawn in place (ANSI, the terminal's alternate
     * screen, given back at the end) when standard output is a terminal, else one block after the other.
     */
    private final class Screen implements AutoCloseable {
        private static final String HOME = "\033[H";
        private static final String CLEAR_LINE = "\033[K";
        private static final String CLEAR_BELOW = "\033[J";
        private static final String ENTER = "\033[?1049h\033[?25l";
        private static final String LEAVE = "\033[?25h\033[?1049l";

        private final PrintWriter out;
        private final boolean redraw;
        private Terminal terminal;
        private boolean first = true;

        Screen(PrintWriter out) {
            this.out = out;
            this.redraw = format == TopFormat.text && Terminal.isStdout();
            if (redraw) {
                out.print(ENTER);
                out.flush();
            }
        }

        /** File rows that fit: the terminal's height less the other lines when redrawing. */
        int fileRows() {
            if (!redraw) {
                return TEXT_FILES;
            }
            terminal = Terminal.size();
            return Math.max(3, terminal.rows() - OTHER_LINES);
        }

        void show(Document view) {
            if (format == TopFormat.json) {
                JsonRenderer.renderLine(view, out);
                return;
            }
            int columns = width != null ? width : redraw ? terminal.columns() : TextRenderer.WIDTH;
            if (!redraw) {
                if (!first) {
                    out.println();
                }
                first = false;
                TextRenderer.render(view, out, columns);
                return;
            }
            StringWriter text = new StringWriter();
            TextRenderer.render(view, new PrintWriter(text), columns);
            StringBuilder frame = new StringBuilder(HOME);
            text.toString().lines().forEach(line -> frame.append(line).append(CLEAR_LINE).append('\n'));
            out.print(frame.append(CLEAR_BELOW));
            out.flush();
        }

        @Override
        public void close() {
            if (redraw) {
                out.print(LEAVE);
                out.flush();
            }
        }
    }
}
