package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.bootstrap.HazardReporter;
import io.mapwatch.agent.bootstrap.Mapping;
import io.mapwatch.agent.bootstrap.MappingRegistry;
import io.mapwatch.agent.bootstrap.PathNames;
import io.mapwatch.kernel.procfs.Maps;
import io.mapwatch.kernel.procfs.MapsEntry;
import io.mapwatch.kernel.procfs.ProcText;
import io.mapwatch.kernel.procfs.ProcessStatus;
import io.mapwatch.agent.tooling.Log;
import io.mapwatch.events.MappedMemoryEvent;
import io.mapwatch.events.MapwatchEvents;
import io.mapwatch.events.UntrackedMappingEvent;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every {@code sample=} period: the process's mappings from {@code /proc/self/maps} and its RSS
 * from {@code /proc/self/status}. Emits {@code mapwatch.MappedMemory}, one
 * {@code mapwatch.UntrackedMapping} per file mapping no instrumented call made, and the hazards
 * that maps and the files themselves show: a mapped file deleted or truncated below the end of a
 * mapping, the mapping count near {@code vm.max_map_count}.
 */
final class InventorySampler implements SamplerTask {
    static final String MAPS = "maps";
    static final String STATUS = "status";
    private static final double NEAR_LIMIT = 0.90;
    private static final double REARM_BELOW = 0.85;

    private final Totals totals;
    private final Sources sources;
    private final ProcText text = new ProcText(64 * 1024);
    private final RandomAccessFile maps;
    private final RandomAccessFile status;
    private final MappedMemoryEvent prototype = new MappedMemoryEvent();

    /** Untracked mappings already reported: start address to inode. */
    private Map<Long, Long> untrackedSeen = new HashMap<>();
    private final Set<Mapping> deletedReported = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Mapping> truncatedReported = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean nearLimitReported;
    /** Set at a chunk edge: the next pass reports every untracked mapping again. */
    private volatile boolean reannounce = true;

    InventorySampler(Totals totals, Sources sources) {
        this.totals = totals;
        this.sources = sources;
        this.maps = open("/proc/self/maps", MAPS);
        this.status = open("/proc/self/status", STATUS);
    }

    private RandomAccessFile open(String file, String source) {
        try {
            return new RandomAccessFile(file, "r");
        } catch (IOException e) {
            sources.unavailable(source, file + " cannot be read");
            return null;
        }
    }

    @Override
    public String name() {
        return "inventory";
    }

    @Override
    public void run() throws IOException {
        Pass pass = maps == null ? null : readMaps();
        long maxMapCount = ProcFiles.readLong("/proc/sys/vm/max_map_count");
        totals.maxMapCount = maxMapCount;
        if (pass != null) {
            totals.mapCount = pass.mapCount;
            totals.untrackedCount = pass.untrackedCount;
            totals.untrackedBytes = pass.untrackedBytes;
            checkMapCount(pass.mapCount, maxMapCount);
            checkTruncation(pass.inodes);
        }
        if (!prototype.isEnabled()) {
            return;
        }
        ProcessStatus process = status == null ? null : readStatus();
        MappedMemoryEvent event = new MappedMemoryEvent();
        event.trackedCount = MappingRegistry.trackedCount();
        event.trackedBytes = MappingRegistry.trackedBytes();
        event.trackedResidentBytes = totals.residentBytes;
        event.untrackedCount = pass == null ? -1 : pass.untrackedCount;
        event.untrackedBytes = pass == null ? -1 : pass.untrackedBytes;
        event.mapCount = pass == null ? -1 : pass.mapCount;
        event.maxMapCount = maxMapCount;
        event.rssFile = process == null ? -1 : process.rssFile();
        event.rssAnon = process == null ? -1 : process.rssAnon();
        event.commit();
    }

    /** What one read of maps found. */
    private static final class Pass {
        long mapCount;
        long untrackedCount;
        long untrackedBytes;
        /** Inode of each live tracked mapping, as maps shows it. */
        final Map<Mapping, Long> inodes = new IdentityHashMap<>();
    }

    private Pass readMaps() throws IOException {
        text.read(maps);
        if (text.length() == 0) {
            sources.unavailable(MAPS, "/proc/self/maps is empty");
            return null;
        }
        sources.ok(MAPS);
        Pass pass = new Pass();
        Map<Long, Long> seenNow = new HashMap<>();
        boolean emit = new UntrackedMappingEvent().isEnabled();
        boolean all = reannounce && emit;
        if (all) {
            reannounce = false;
        }
        Maps.forEach(text, entry -> {
            pass.mapCount++;
            if (!entry.isFile()) {
                return;
            }
            Mapping tracked = MappingRegistry.containing(entry.start());
            if (tracked != null) {
                pass.inodes.put(tracked, entry.inode());
                if (entry.deleted() && !tracked.own && deletedReported.add(tracked)) {
                    hazard(MapwatchEvents.HAZARD_FILE_DELETED, tracked, -1,
                            "the file was deleted while mapped; its space stays in use until the mapping is released");
                }
                return;
            }
            pass.untrackedCount++;
            pass.untrackedBytes += entry.size();
            seenNow.put(entry.start(), entry.inode());
            Long known = untrackedSeen.get(entry.start());
            if (emit && (all || known == null || known != entry.inode())) {
                emitUntracked(entry);
            }
        });
        untrackedSeen = seenNow;
        deletedReported.removeIf(Mapping::isUnmapped);
        truncatedReported.removeIf(Mapping::isUnmapped);
        return pass;
    }

    /**
     * Reports every untracked mapping again on the next pass, so that each recording (and each
     * chunk file) holds the full inventory, also when the recording started after the discovery.
     */
    void announceAgain() {
        reannounce = true;
    }

    private static void emitUntracked(MapsEntry entry) {
        UntrackedMappingEvent event = new UntrackedMappingEvent();
        event.path = PathNames.shown(entry.path());
        event.address = entry.start();
        event.size = entry.size();
        event.offset = entry.offset();
        event.permissions = entry.permissions();
        event.commit();
    }

    private void checkMapCount(long mapCount, long maxMapCount) {
        if (maxMapCount <= 0) {
            return;
        }
        if (!nearLimitReported && mapCount >= maxMapCount * NEAR_LIMIT) {
            nearLimitReported = true;
            hazard(MapwatchEvents.HAZARD_MAP_COUNT_NEAR_LIMIT, null, -1,
                    "the process has " + mapCount + " mappings of the " + maxMapCount
                            + " vm.max_map_count allows; the next maps fail with \"Map failed\" at the limit");
        } else if (nearLimitReported && mapCount < maxMapCount * REARM_BELOW) {
            nearLimitReported = false;
        }
    }

    /**
     * A file that shrank below the end of what a mapping asked for: the next access to a page past
     * the new end raises SIGBUS. Checked by path, once per file per pass, and only while the file
     * at that path is still the mapped one (same inode).
     */
    private void checkTruncation(Map<Mapping, Long> inodes) {
        Map<String, long[]> files = new HashMap<>();
        for (Map.Entry<Mapping, Long> tracked : inodes.entrySet()) {
            Mapping mapping = tracked.getKey();
            if (mapping.own || mapping.realPath == null || mapping.isUnmapped()) {
                continue;
            }
            long[] sizeAndInode = files.computeIfAbsent(mapping.realPath, InventorySampler::sizeAndInode);
            if (sizeAndInode == null || sizeAndInode[1] != tracked.getValue()) {
                continue; // gone or replaced: FILE_DELETED speaks for it
            }
            long fileSize = sizeAndInode[0];
            long requestedEnd = mapping.position + mapping.size;
            if (fileSize < requestedEnd) {
                if (truncatedReported.add(mapping)) {
                    hazard(MapwatchEvents.HAZARD_FILE_TRUNCATED, mapping, fileSize,
                            "the file is " + fileSize + " bytes but the mapping reaches offset " + requestedEnd
                                    + "; touching a page past the end raises SIGBUS (InternalError in Java)");
                }
            } else {
                truncatedReported.remove(mapping);
            }
        }
    }

    /** A hazard is worth a line on stderr too: it is what an operator must act on. */
    private static void hazard(String kind, Mapping mapping, long fileSize, String detail) {
        HazardReporter.report(kind, mapping, fileSize, detail);
        Log.warn(kind + (mapping == null ? "" : " " + mapping.path) + ": " + detail);
    }

    private static long[] sizeAndInode(String path) {
        try {
            Map<String, Object> attributes = Files.readAttributes(Paths.get(path), "unix:size,ino");
            return new long[]{(Long) attributes.get("size"), (Long) attributes.get("ino")};
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    private ProcessStatus readStatus() {
        try {
            ProcessStatus process = ProcessStatus.parse(text.read(status));
            sources.ok(STATUS);
            return process;
        } catch (IOException e) {
            sources.unavailable(STATUS, e.getMessage());
            return null;
        }
    }
}
