package io.mapwatch.kernel.options;

import io.mapwatch.kernel.units.DataSizes;
import io.mapwatch.kernel.units.Durations;
import io.mapwatch.kernel.units.Period;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The agent's options, {@code key=value,key=value} ({@link OptionString}: a backslash keeps a comma in
 * a value): the keys, their values and what is wrong with them, in one place for the agent, which
 * applies them, and for {@code mapwatch record --agent-options}, which checks them before attaching.
 * Parsing never fails: a problem becomes one sentence in {@link #problems()} and the option keeps its
 * default, so the application always starts.
 */
public final class AgentOptions {
    public static final Period DEFAULT_SAMPLE = Period.parse("1s");
    public static final Period DEFAULT_RESIDENCY = Period.parse("10s");
    public static final Period DEFAULT_SMAPS = Period.parse("60s");
    public static final Period DEFAULT_STALLS = Period.parse("20ms");
    /**
     * One minute: the working set over the time a request mix repeats in, measured with the smaps
     * read that {@code smaps=} makes at the same period anyway, plus one clear of the accessed bits.
     */
    public static final Period DEFAULT_WORKINGSET = Period.parse("60s");

    /**
     * Every option's one-line help, in the order {@code help} prints them; a line starts with the
     * option's name, which is the key of {@link #HELP}.
     */
    private static final List<String> HELP_LINES = List.of(
            "record=FILE      start a JFR recording named mapwatch (default.jfc + mapwatch events),"
                    + " written to FILE at exit; %p in FILE is the pid, %t the time, \\, a comma",
            "maxage=0         with record=: how far back JFR keeps the recording (JFR's maxage; 0: no limit)",
            "maxsize=250m     with record=: how much JFR keeps (JFR's maxsize; 0: no limit); 250m when"
                    + " neither limit is given",
            "sample=1s        period of the counters, inventory and pressure samplers (off disables)",
            "residency=10s    period of the per-mapping residency sampler (off disables)",
            "smaps=60s        period of the full /proc/self/smaps pass (off disables)",
            "workingset=1m    window in which the pages of each mapping the process touched are counted"
                    + " (mapwatch.WorkingSet), while a recording wants them; each window clears the accessed bits of"
                    + " file-mapped pages (off disables)",
            "stalls=20ms      period of the page-fault stall sampler (off disables)",
            "exact=on         on JDK 22+, every major fault with its file and offset from the kernel's perf events"
                    + " (mapwatch.FaultRange) while a recording wants them (off: fault counters only)",
            "access=on        time bulk copies out of and into mapped memory (off removes that instrumentation)",
            "redact=paths     replace file paths with stable hashes in events (off shows them)",
            "log=warn         the agent's own stderr lines: off, error, warn, info or debug",
            "help             print these options and continue");
    /** Every option's help line by the option's name. */
    private static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        for (String line : HELP_LINES) {
            HELP.put(line.split("[=\\s]", 2)[0], line);
        }
    }

    private final RecordingRequest recording;
    private final Period sample;
    private final Period residency;
    private final Period smaps;
    private final Period workingSet;
    private final Period stalls;
    private final boolean exact;
    private final boolean access;
    private final boolean redactPaths;
    private final LogLevel log;
    private final boolean help;
    private final List<String> problems;
    private final Set<String> given;

    private AgentOptions(RecordingRequest recording, Period sample, Period residency, Period smaps, Period workingSet,
                         Period stalls, boolean exact, boolean access, boolean redactPaths, LogLevel log, boolean help, List<String> problems,
                         Set<String> given) {
        this.recording = recording;
        this.sample = sample;
        this.residency = residency;
        this.smaps = smaps;
        this.workingSet = workingSet;
        this.stalls = stalls;
        this.exact = exact;
        this.access = access;
        this.redactPaths = redactPaths;
        this.log = log;
        this.help = help;
        this.problems = Collections.unmodifiableList(problems);
        this.given = Collections.unmodifiableSet(given);
    }

    public static AgentOptions defaults() {
        return parse(null);
    }

    public static AgentOptions parse(String text) {
        Path record = null;
        Duration maxAge = null;
        Long maxSize = null;
        Period sample = DEFAULT_SAMPLE;
        Period residency = DEFAULT_RESIDENCY;
        Period smaps = DEFAULT_SMAPS;
        Period workingSet = DEFAULT_WORKINGSET;
        Period stalls = DEFAULT_STALLS;
        boolean exact = true;
        boolean access = true;
        boolean redact = false;
        LogLevel log = LogLevel.WARN;
        boolean help = false;
        List<String> problems = new ArrayList<>();
        Set<String> given = new HashSet<>();

        for (OptionString.Item item : OptionString.parse(text)) {
            String key = item.key();
            String value = item.value();
            if (!HELP.containsKey(key)) {
                problems.add("unknown option '" + key + "' ignored (known: " + String.join(", ", HELP.keySet()) + ")");
                continue;
            }
            if (key.equals("help")) {
                help = true;
                continue;
            }
            if (value == null || value.isEmpty()) {
                problems.add("option " + key + " needs a value, as in " + HELP.get(key).split("\\s+")[0] + "; keeping its default");
                continue;
            }
            try {
                switch (key) {
                    case "record": record = recordingFile(value); break;
                    case "maxage": maxAge = Durations.parse(value); break;
                    case "maxsize": maxSize = DataSizes.parse(value); break;
                    case "sample": sample = Period.parse(value); break;
                    case "residency": residency = Period.parse(value); break;
                    case "smaps": smaps = Period.parse(value); break;
                    case "workingset": workingSet = Period.parse(value); break;
                    case "stalls": stalls = Period.parse(value); break;
                    case "exact": exact = onOff(value); break;
                    case "access": access = onOff(value); break;
                    case "redact": redact = redaction(value); break;
                    case "log": log = LogLevel.parse(value); break;
                    default: throw new IllegalStateException(key);
                }
                given.add(key);
            } catch (RuntimeException bad) {
                problems.add("bad value '" + value + "' for " + key + ": " + bad.getMessage()
                        + "; keeping " + defaultText(key));
            }
        }
        RecordingRequest recording = null;
        if (record != null) {
            recording = RecordingRequest.of(record, maxAge, maxSize);
        } else if (maxAge != null || maxSize != null) {
            problems.add("maxage and maxsize limit the recording of record=, and no recording was asked for; ignored");
        }
        return new AgentOptions(recording, sample, residency, smaps, workingSet, stalls, exact, access, redact, log, help,
                problems, given);
    }

    /** The file of {@code record=}, absolute, with {@code %p} and {@code %t} expanded now, as JFR does at its start. */
    private static Path recordingFile(String template) {
        String name = RecordingRequest.expandFileName(template, ProcessHandle.current().pid(), LocalDateTime.now());
        return Paths.get(name).toAbsolutePath().normalize();
    }

    private static boolean onOff(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "on": case "true": return true;
            case "off": case "false": return false;
            default: throw new IllegalArgumentException("expected on or off");
        }
    }

    private static boolean redaction(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "paths": return true;
            case "off": case "none": return false;
            default: throw new IllegalArgumentException("expected paths or off");
        }
    }

    /** What a bad value leaves in place, as in "keeping the default sample=1s". */
    private static String defaultText(String key) {
        switch (key) {
            case "sample": return "the default sample=" + DEFAULT_SAMPLE;
            case "residency": return "the default residency=" + DEFAULT_RESIDENCY;
            case "smaps": return "the default smaps=" + DEFAULT_SMAPS;
            case "workingset": return "the default workingset=" + DEFAULT_WORKINGSET;
            case "stalls": return "the default stalls=" + DEFAULT_STALLS;
            case "exact": return "the default exact=on";
            case "access": return "the default access=on";
            case "redact": return "the default redact=off";
            case "log": return "the default log=warn";
            case "maxage": case "maxsize":
                return "JFR's default (maxsize=" + DataSizes.format(RecordingRequest.JFR_DEFAULT_MAX_SIZE)
                        + " unless the other limit is given)";
            default: return "the default (none)";
        }
    }

    public static List<String> helpLines() {
        List<String> lines = new ArrayList<>();
        lines.add("options: -javaagent:mapwatch-agent.jar=key=value,key=value");
        for (String line : HELP.values()) {
            lines.add("  " + line);
        }
        return lines;
    }

    /** The recording file, absolute, {@code %p} and {@code %t} expanded; null when no recording was asked for. */
    public Path record() {
        return recording == null ? null : recording.file();
    }

    /** The recording {@code record=} asks for, with its limits; null when none was asked for. */
    public RecordingRequest recording() {
        return recording;
    }

    /** Whether the user gave {@code key} a valid value, rather than leaving it at its default. */
    public boolean given(String key) {
        return given.contains(key);
    }

    public Period sample() {
        return sample;
    }

    public Period residency() {
        return residency;
    }

    public Period smaps() {
        return smaps;
    }

    /** The window of the working-set measurement ({@code mapwatch.WorkingSet}). */
    public Period workingSet() {
        return workingSet;
    }

    public Period stalls() {
        return stalls;
    }

    /** Whether the exact mode (perf events for every major fault) may run. */
    public boolean exact() {
        return exact;
    }

    public boolean access() {
        return access;
    }

    public boolean redactPaths() {
        return redactPaths;
    }

    public LogLevel log() {
        return log;
    }

    public boolean help() {
        return help;
    }

    public List<String> problems() {
        return problems;
    }

    /**
     * The options in effect after a second load of the agent with these: the samplers and the
     * instrumentation keep what the first load set up ({@code running}), so those come from it;
     * a recording, redaction and logging take effect from these.
     */
    public AgentOptions appliedOver(AgentOptions running) {
        Set<String> effectiveGiven = new HashSet<>(running.given);
        for (String key : List.of("record", "maxage", "maxsize", "redact", "log")) {
            effectiveGiven.remove(key);
            if (given.contains(key)) {
                effectiveGiven.add(key);
            }
        }
        return new AgentOptions(recording, running.sample, running.residency, running.smaps, running.workingSet, running.stalls,
                running.exact, running.access, redactPaths, log, help, problems, effectiveGiven);
    }

    /**
     * The options given to a second load that cannot change a running agent: each as
     * {@code key=value}, with the value in effect, for one line that says so.
     */
    public List<String> notAppliedOver(AgentOptions running) {
        List<String> ignored = new ArrayList<>();
        notApplied(ignored, "sample", sample, running.sample);
        notApplied(ignored, "residency", residency, running.residency);
        notApplied(ignored, "smaps", smaps, running.smaps);
        notApplied(ignored, "workingset", workingSet, running.workingSet);
        notApplied(ignored, "stalls", stalls, running.stalls);
        if (given.contains("exact") && exact != running.exact) {
            ignored.add("exact=" + (exact ? "on" : "off") + " (stays " + (running.exact ? "on" : "off") + ")");
        }
        if (given.contains("access") && access != running.access) {
            ignored.add("access=" + (access ? "on" : "off") + " (stays " + (running.access ? "on" : "off") + ")");
        }
        return ignored;
    }

    private void notApplied(List<String> ignored, String key, Period wanted, Period inEffect) {
        if (given.contains(key) && !wanted.equals(inEffect)) {
            ignored.add(key + "=" + wanted + " (stays " + inEffect + ")");
        }
    }

    /** The effective options, as {@code mapwatch.AgentStatus} reports them. */
    @Override
    public String toString() {
        return (recording == null ? "" : recording + ",")
                + "sample=" + sample + ",residency=" + residency + ",smaps=" + smaps + ",workingset=" + workingSet + ",stalls=" + stalls
                + ",exact=" + (exact ? "on" : "off") + ",access=" + (access ? "on" : "off") + ",redact=" + (redactPaths ? "paths" : "off")
                + ",log=" + log;
    }
}
