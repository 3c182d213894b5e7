package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.kernel.procfs.CgroupLocation;
import io.mapwatch.kernel.procfs.CgroupMemory;
import io.mapwatch.kernel.procfs.CgroupMemoryReader;
import io.mapwatch.kernel.procfs.Meminfo;
import io.mapwatch.kernel.procfs.PressureStallInfo;
import io.mapwatch.kernel.procfs.ProcText;
import io.mapwatch.events.MemoryPressureEvent;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Paths;

/**
 * Every {@code sample=} period, {@code mapwatch.MemoryPressure}: PSI from
 * {@code /proc/pressure/memory}, the memory cgroup's limit, usage, page cache and refaults (v1 or
 * v2), and the machine's page cache from {@code /proc/meminfo}. Stall times and refaults are
 * deltas since the previous sample. Nothing but a recording reads these figures: while the event
 * is disabled a pass reads nothing, and the first sample after that has no deltas (-1).
 */
final class PressureSampler implements SamplerTask {
    static final String PSI = "psi";
    static final String CGROUP = "cgroup";
    static final String MEMINFO = "meminfo";

    private final Sources sources;
    private final ProcText text = new ProcText(4096);
    private final MemoryPressureEvent prototype = new MemoryPressureEvent();
    private final RandomAccessFile psi;
    private final RandomAccessFile meminfo;
    private final CgroupMemoryReader cgroup;
    private final int cgroupVersion;
    private long lastSomeMicros = -1;
    private long lastFullMicros = -1;
    private long lastRefaults = -1;

    PressureSampler(Sources sources) {
        this.sources = sources;
        this.psi = open("/proc/pressure/memory", PSI, "no /proc/pressure/memory: kernel without PSI");
        this.meminfo = open("/proc/meminfo", MEMINFO, "/proc/meminfo cannot be read");
        CgroupLocation location = null;
        try {
            location = CgroupLocation.read(Paths.get("/proc/self"));
        } catch (IOException | RuntimeException e) {
            location = null;
        }
        if (location == null) {
            sources.unavailable(CGROUP, "no memory cgroup found in /proc/self/cgroup and mountinfo");
            cgroup = null;
            cgroupVersion = 0;
        } else {
            sources.ok(CGROUP);
            cgroup = new CgroupMemoryReader(location);
            cgroupVersion = location.version();
        }
    }

    private RandomAccessFile open(String file, String source, String why) {
        try {
            RandomAccessFile in = new RandomAccessFile(file, "r");
            sources.ok(source);
            return in;
        } catch (IOException e) {
            sources.unavailable(source, why);
            return null;
        }
    }

    @Override
    public String name() {
        return "pressure";
    }

    /** Reads every source while a recording wants the event, so that each sample's deltas span one period. */
    @Override
    public void run() throws IOException {
        if (!prototype.isEnabled()) {
            lastSomeMicros = -1;
            lastFullMicros = -1;
            lastRefaults = -1;
            return;
        }
        MemoryPressureEvent event = new MemoryPressureEvent();
        PressureStallInfo pressure = psi == null
                ? PressureStallInfo.UNKNOWN : PressureStallInfo.parse(readOrEmpty(psi, PSI));
        event.psiSomeAvg10 = pressure.some().avg10() < 0 ? -1 : pressure.some().avg10() / 100;
        event.psiFullAvg10 = pressure.full().avg10() < 0 ? -1 : pressure.full().avg10() / 100;
        event.psiSomeStall = microsToNanos(delta(pressure.some().totalMicros(), lastSomeMicros));
        event.psiFullStall = microsToNanos(delta(pressure.full().totalMicros(), lastFullMicros));
        lastSomeMicros = pressure.some().totalMicros();
        lastFullMicros = pressure.full().totalMicros();

        event.cgroupVersion = cgroupVersion;
        if (cgroup != null) {
            CgroupMemory memory = cgroup.read();
            event.cgroupLimit = memory.limit();
            event.cgroupUsage = memory.usage();
            event.cgroupFile = memory.stat().file();
            event.cgroupFileMapped = memory.stat().fileMapped();
            event.cgroupRefaults = delta(memory.stat().refaults(), lastRefaults);
            lastRefaults = memory.stat().refaults();
        } else {
            event.cgroupLimit = -1;
            event.cgroupUsage = -1;
            event.cgroupFile = -1;
            event.cgroupFileMapped = -1;
            event.cgroupRefaults = -1;
        }

        Meminfo memory = meminfo == null ? null : Meminfo.parse(readOrEmpty(meminfo, MEMINFO));
        event.cached = memory == null ? -1 : memory.cached();
        event.mapped = memory == null ? -1 : memory.mapped();
        event.dirty = memory == null ? -1 : memory.dirty();
        event.writeback = memory == null ? -1 : memory.writeback();
        event.commit();
    }

    /** The file's text; an empty file (no real /proc file is) marks the source unavailable. */
    private CharSequence readOrEmpty(RandomAccessFile file, String source) throws IOException {
        text.readRecord(file); // printed whole by one call in the kernel
        if (text.length() == 0) {
            sources.unavailable(source, "empty");
        } else {
            sources.ok(source);
        }
        return text;
    }

    /** Growth of a cumulative counter since the last sample; -1 when either is unknown. */
    private static long delta(long now, long before) {
        return now < 0 || before < 0 ? -1 : Math.max(0, now - before);
    }

    /** PSI counts microseconds; the event holds nanoseconds, a Timespan unit JDK Mission Control reads (it reads no microseconds). */
    private static long microsToNanos(long micros) {
        return micros < 0 ? -1 : micros * 1000;
    }
}
