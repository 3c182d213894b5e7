package io.mapwatch.agent.tooling;

import io.mapwatch.agent.bootstrap.AgentState;
import io.mapwatch.agent.bootstrap.PathNames;
import io.mapwatch.agent.tooling.instrumentation.Instrumenter;
import io.mapwatch.agent.tooling.instrumentation.MappedAccessModule;
import io.mapwatch.agent.tooling.instrumentation.MappingLifecycleModule;
import io.mapwatch.agent.tooling.jmx.JmxPublisher;
import io.mapwatch.agent.tooling.sampling.Samplers;
import io.mapwatch.kernel.options.AgentOptions;
import io.mapwatch.kernel.options.RecordingRequest;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** The agent's start, in its own class loader: options, instrumentation, recording, status. */
public final class AgentMain {
    private final Instrumentation inst;
    private final Instrumenter instrumenter;
    private volatile AgentOptions options;
    private Samplers samplers;
    private StatusReporter status;

    private AgentMain(Instrumentation inst, AgentOptions options) {
        this.inst = inst;
        this.options = options;
        this.instrumenter = new Instrumenter(inst);
    }

    /**
     * Called reflectively by {@code AgentLauncher}; never throws. {@code bootPathNotice} says why
     * the bootstrap classes went on the boot class path, null when {@link BootstrapClassDefiner}
     * defined them without it or an earlier load did.
     */
    public static void start(String args, Instrumentation inst, boolean atStartup, String bootPathNotice) {
        try {
            AgentOptions options = announce(args);
            if (bootPathNotice != null) {
                Log.info("bootstrap classes appended to the boot class path, so the JVM warns that class-data sharing"
                        + " is limited: " + bootPathNotice);
            }
            AgentMain agent = new AgentMain(inst, options);
            if (!AgentState.install(agent::reload)) {
                AgentState.reload(args); // another load won the race; it applies these options
                return;
            }
            agent.run(atStartup);
        } catch (Throwable t) {
            Log.error("agent stopped while starting, the application runs without it: " + t);
        }
    }

    private static AgentOptions announce(String args) {
        AgentOptions options = AgentOptions.parse(args);
        Log.setLevel(options.log());
        options.problems().forEach(Log::warn);
        if (options.help()) {
            AgentOptions.helpLines().forEach(Log::always);
        }
        return options;
    }

    private void run(boolean atStartup) {
        PathNames.redactPaths(options.redactPaths());
        if (options.access()) {
            instrumenter.register(new MappedAccessModule());
        }
        instrumenter.register(new MappingLifecycleModule()).install();
        samplers = Samplers.create(options, inst, this::emitStatus);
        samplers.every(JmxPublisher.CHECK_PERIOD, "jmx", new JmxPublisher(samplers.totals()));
        status = new StatusReporter(version(), instrumenter, () -> this.options, samplers);
        status.registerWhenJfrStarts();
        Log.info("started " + (atStartup ? "with the JVM" : "by attach") + " with " + options
                + "; instrumented " + String.join(", ", instrumenter.instrumented()));
        startRecording(options.recording()); // before the samplers, so that it holds their first passes
        samplers.start();
    }

    /** A later load of the agent (attach again): apply what can be applied, never instrument twice. */
    private void reload(String args) {
        try {
            AgentOptions given = announce(args);
            AgentOptions running = options;
            List<String> notApplied = given.notAppliedOver(running);
            if (!notApplied.isEmpty()) {
                Log.warn("agent already loaded: " + String.join(", ", notApplied)
                        + "; the samplers and the instrumentation keep what the JVM started with");
            }
            AgentOptions next = given.appliedOver(running);
            options = next;
            PathNames.redactPaths(next.redactPaths());
            Log.info("agent already loaded; in effect now: " + next);
            startRecording(next.recording());
        } catch (Throwable t) {
            Log.error("could not apply the options of a second load: " + t);
        }
    }

    private void emitStatus() {
        StatusReporter reporter = status;
        if (reporter != null) {
            reporter.emit();
        }
    }

    private void startRecording(RecordingRequest request) {
        if (request == null) {
            return;
        }
        Path file = request.file();
        String problem = Recorder.whyNotWritable(file);
        if (problem != null) {
            Log.warn("no recording: cannot write " + file + " (" + problem + ")");
            return;
        }
        try {
            status.register();
            String name = Recorder.start(request).getName();
            Log.info("recording " + name + " to " + file + " (" + request + "); jcmd " + ProcessHandle.current().pid()
                    + " JFR.dump name=" + name + " filename=FILE copies it while it runs");
        } catch (IOException | java.text.ParseException | RuntimeException e) {
            Log.warn("no recording: JFR could not start one (" + e + ")");
        }
    }

    static String version() {
        try (InputStream in = AgentMain.class.getResourceAsStream("/io/mapwatch/agent/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
