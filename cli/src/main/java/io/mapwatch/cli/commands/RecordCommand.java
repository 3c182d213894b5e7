package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliException;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.attach.AgentJar;
import io.mapwatch.cli.attach.AttachableJvm;
import io.mapwatch.cli.attach.AttachedJvm;
import io.mapwatch.cli.attach.JvmProcess;
import io.mapwatch.cli.attach.RecordingEnd;
import io.mapwatch.cli.attach.RemoteRecording;
import io.mapwatch.cli.views.JvmsView;
import io.mapwatch.kernel.options.AgentOptions;
import io.mapwatch.kernel.options.OptionString;
import io.mapwatch.kernel.units.Durations;
import io.mapwatch.kernel.units.Period;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "record",
        mixinStandardHelpOptions = true,
        description = {"Attaches the mapwatch agent to a running JVM of this user, records it with JFR (the JVM's default"
                + " settings plus mapwatch.jfc) for --duration or until Ctrl-C, writes the recording and prints its path."
                + " Mappings made before the attach show as untracked mappings, later ones as Map events. The agent stays"
                + " loaded: recording the JVM again reuses it.",
                "With --list, shows the JVMs that can be recorded instead (--format applies to that list)."},
        footerHeading = "%nExamples:%n",
        footer = {"  mapwatch record 4242 --duration 60s -o kafka.jfr",
                "  mapwatch record --list"})
public final class RecordCommand implements Callable<Integer> {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PID", description = "The JVM to record (see --list).")
    Long pid;

    @Option(names = "--list", description = "Show the JVMs this user can record, and the mapwatch agent each loaded, instead.")
    boolean list;

    @Option(names = "--duration", defaultValue = "60s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long to record: 500ms, 10s, 2m, 1h (default: ${DEFAULT-VALUE}). Ctrl-C stops the recording"
                    + " earlier and still writes it.")
    Duration duration;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.jfr",
            description = "Where to write the recording (default: mapwatch-PID-yyyyMMdd-HHmmss.jfr in the current folder).")
    Path output;

    @Option(names = "--agent", paramLabel = "JAR",
            description = "The agent jar to load (default: the one inside this CLI, copied once into ~/.cache/mapwatch).")
    Path agent;

    @Option(names = "--agent-options", paramLabel = "OPTIONS",
            description = "Options for the agent, as after -javaagent:mapwatch-agent.jar= (e.g. redact=paths,log=info)."
                    + " Given to an agent loaded already, log= and redact= take effect while the samplers and the"
                    + " instrumentation keep what the JVM started with (the agent says so; AgentStatus shows the options"
                    + " in effect)."
                    + " Checked with the agent's own rules before attaching: an option the agent would not take is"
                    + " a usage error, with the agent's sentence. Not record=: this command makes the recording.")
    String agentOptions;

    @Mixin
    FormatMixin format;

    @Override
    public Integer call() throws IOException, InterruptedException {
        requireJdkModules("record");
        if (list) {
            if (pid != null) {
                throw usage("--list takes no PID");
            }
            format.print(JvmsView.of(AttachableJvm.all()), spec);
            return ExitCode.OK;
        }
        if (pid == null) {
            throw usage("a PID is needed (--list shows the JVMs that can be recorded)");
        }
        checkAgentOptions();
        Path file = outputFile();
        JvmProcess process = JvmProcess.of(pid);
        process.checkAttachable();
        AgentJar jar = agent != null ? AgentJar.at(agent) : AgentJar.bundled();
        AttachedJvm.Prepared jvm = AttachedJvm.prepare(process, jar, agentOptions);
        if (jvm.agentBefore() != null) {
            note("process %d runs the mapwatch agent %s already; recording with it%s", pid, jvm.agentBefore(),
                    agentOptions != null ? ", with the options given" : "");
        }
        record(process, jvm.jmxAddress(), jar, file);
        spec.commandLine().getOut().println(file);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    private void record(JvmProcess process, String jmxAddress, AgentJar jar, Path file) throws InterruptedException {
        try (RecordingEnd end = RecordingEnd.watching(pid);
             RemoteRecording recording = RemoteRecording.start(pid, jmxAddress, jar.settings(), duration)) {
            note("recording process %d (%s) for %s into %s; Ctrl-C stops it earlier and writes it", pid, process.name(),
                    Durations.format(duration), file);
            RecordingEnd.Reason reason = end.await(duration);
            if (reason == RecordingEnd.Reason.JVM_EXITED) {
                throw endedDuringRecording();
            }
            if (reason == RecordingEnd.Reason.SIGNAL) {
                note("stopping the recording and writing it (Ctrl-C again gives up)");
            }
            recording.stopAndWrite(file);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CliException) {
                throw (CliException) e;
            }
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw endedDuringRecording();
            }
            throw new CliException(ExitCode.BAD_INPUT, "the recording in process " + pid + " failed: " + rootCause(e), e);
        }
    }

    /** The Attach API and JFR's MXBean come with a JDK; a runtime made with jlink may lack them. */
    static void requireJdkModules(String command) {
        for (String module : List.of("jdk.attach", "jdk.management.jfr")) {
            if (ModuleLayer.boot().findModule(module).isEmpty()) {
                throw CliException.badInput(command + " needs a JDK: the Java runtime at " + System.getProperty("java.home")
                        + " lacks the module " + module);
            }
        }
    }

    private CliException endedDuringRecording() {
        return CliException.badInput("process " + pid + " ended during the recording; the recording ended with it,"
                + " before anything could be written");
    }

    /**
     * Options the agent would not take are a usage error here, before anything touches the JVM: the
     * agent would keep its defaults and say so on that JVM's stderr, where the user does not look. The
     * sentence is the agent's, from the parser it uses. {@code record=} is this command's business.
     */
    private void checkAgentOptions() {
        if (agentOptions == null) {
            return;
        }
        if (OptionString.parse(agentOptions).stream().anyMatch(item -> item.key().equals("record"))) {
            throw usage("--agent-options cannot hold record=: this command makes the recording");
        }
        List<String> problems = AgentOptions.parse(agentOptions).problems();
        if (!problems.isEmpty()) {
            throw usage("--agent-options: " + problems.get(0));
        }
    }

    private ParameterException usage(String sentence) {
        return new ParameterException(spec.commandLine(), sentence);
    }

    private Path outputFile() {
        String defaultName = "mapwatch-" + pid + "-" + LocalDateTime.now().format(FILE_TIME) + ".jfr";
        Path file = (output != null ? output : Path.of(defaultName)).toAbsolutePath().normalize();
        Path folder = file.getParent();
        if (Files.isDirectory(file)) {
            throw CliException.badInput("cannot write " + file + ": it is a folder");
        }
        if (!Files.isDirectory(folder)) {
            throw CliException.badInput("cannot write " + file + ": folder " + folder + " does not exist");
        }
        if (!Files.isWritable(folder)) {
            throw CliException.badInput("cannot write " + file + ": folder " + folder + " is not writable");
        }
        return file;
    }

    private void note(String format, Object... args) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("mapwatch: " + String.format(format, args));
        err.flush();
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /** {@code --duration} as the agent's periods are written; {@code off} is not a duration. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            try {
                Period period = Period.parse(text);
                if (!period.isOff()) {
                    return period.duration();
                }
            } catch (IllegalArgumentException notAPeriod) {
                // the same answer as for off
            }
            throw new TypeConversionException("expected a duration above zero such as 500ms, 10s, 2m or 1h");
        }
    }
}
