package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.bootstrap.HazardReporter;
import io.mapwatch.agent.bootstrap.Mapping;
import io.mapwatch.agent.bootstrap.MappingRegistry;
import io.mapwatch.agent.bootstrap.OwnFiles;
import io.mapwatch.agent.bootstrap.PathNames;
import io.mapwatch.kernel.procfs.Maps;
import io.mapwatch.kernel.procfs.MapsEntry;
import io.mapwatch.kernel.procfs.ProcText;
import io.mapwatch.kernel.procfs.ProcessStatus;
import io.mapwatch.kernel.procfs.TaskStat;
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
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every {@code sample=} period: the process's mappings from {@code /proc/self/maps} and its RSS
 * from {@code /proc/self/status}. Emits {@code mapwatch.MappedMemory}, one
 * {@code mapwatch.UntrackedMapping} per file mapping no instrumented call made, and the hazards
 * that maps and the files themselves show: a mapped file deleted or truncated below the end of a
 * mapping, the mapping count near {@code vm.max_map_count}.
 *
 * <p>A pass reads maps only when the mappings may have changed: the process's address-space size
 * moved (one read of {@code /proc/self/stat} that {@link FaultCounters} makes anyway), the agent
 * saw a map or an unmap, a mapped file changed its inode or vanished, a recording chunk began, or
 * {@value #FULL_PASS_EVERY} passes went by (a change of permissions splits mappings without
 * changing the size). Otherwise a pass costs one {@code stat} per mapped file, for truncation.
 *
 * <p>What a read of maps found of the untracked file mappings goes to the exact mode, which ties
 * faults in them to their files ({@link UntrackedFiles}).
 */
final class InventorySampler implements SamplerTask {
    static final String MAPS = "maps";
    static final String STATUS = "status";
    static final String MAX_MAP_COUNT = "max_map_count";
    private static final double NEAR_LIMIT = 0.90;
    private static final double REARM_BELOW = 0.85;
    /** Maps is read at least once in this many passes. */
    static final int FULL_PASS_EVERY = 10;

    private final Totals totals;
    private final Sources sources;
    private final ProcText text = new ProcText(64 * 1024);
    private final RandomAccessFile maps;
    private final RandomAccessFile status;
    private final RandomAccessFile maxMapCount;
    private final MappedMemoryEvent prototype = new MappedMemoryEvent();
    private final UntrackedMappingEvent untrackedPrototype = new UntrackedMappingEvent();
    private final Supplier<TaskStat> process;
    /** Receives the untracked file mappings after each read of maps; null when nobody wants them. */
    private final Consumer<UntrackedFiles> untrackedFiles;

    /** Untracked mappings already reported: start address to inode. */
    private Map<Long, Long> untrackedSeen = new HashMap<>();
    private final Set<Mapping> deletedReported = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Mapping> truncatedReported = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Mapping> vanished = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean nearLimitReported;
    /** The files of the live tracked mappings, as maps showed them last: path and inode to file. */
    private final Map<MappedFile, MappedFile> files = new HashMap<>();
    /** What the last read of maps found; null before the first. */
    private MapsFigures figures;
    private long virtualBytesAtMaps = -1;
    private long registryChangesAtMaps = -1;
    private int passesSinceMaps;
    /** Set at a chunk edge: the next pass reports every untracked mapping again. */
    private volatile boolean reannounce = true;

    /**
     * @param process the process's stat of the current pass, or null when it is not read
     * @param untrackedFiles receives the untracked file mappings after each read of maps; null when nobody wants them
     */
    InventorySampler(Totals totals, Sources sources, Supplier<TaskStat> process, Consumer<UntrackedFiles> untrackedFiles) {
        this.totals = totals;
        this.sources = sources;
        this.process = process;
        this.untrackedFiles = untrackedFiles;
        this.maps = open("/proc/self/maps", MAPS);
        this.status = open("/proc/self/status", STATUS);
        this.maxMapCount = open("/proc/sys/vm/max_map_count", MAX_MAP_COUNT);
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
        boolean fileChanged = checkFiles();
        TaskStat now = process == null ? null : process.get();
        long virtualBytes = now == null ? -1 : now.virtualBytes();
        long registryChanges = MappingRegistry.changes();
        boolean announce = reannounce && untrackedPrototype.isEnabled();
        boolean readMaps = maps != null && (figures == null || announce || fileChanged || virtualBytes < 0
                || virtualBytes != virtualBytesAtMaps || registryChanges != registryChangesAtMaps
                || ++passesSinceMaps >= FULL_PASS_EVERY);
        if (readMaps) {
            MapsFigures read = readMaps();
            if (read != null) {
                figures = read;
                virtualBytesAtMaps = virtualBytes;
                registryChangesAtMaps = registryChanges;
                passesSinceMaps = 0;
                totals.maxMapCount = readMaxMapCount();
                totals.mapCount = read.mapCount;
                totals.untrackedCount = read.untrackedCount;
                totals.untrackedBytes = read.untrackedBytes;
                totals.ownCount = read.ownCount;
                totals.ownBytes = read.ownBytes;
                checkMapCount(read.mapCount, totals.maxMapCount);
                checkFiles();
            }
        }
        if (!prototype.isEnabled()) {
            return;
        }
        ProcessStatus status = this.status == null ? null : readStatus();
        MappedMemoryEvent event = new MappedMemoryEvent();
        event.trackedCount = MappingRegistry.trackedCount();
        event.trackedBytes = MappingRegistry.trackedBytes();
        event.trackedResidentBytes = totals.residentBytes;
        event.untrackedCount = figures == null ? -1 : figures.untrackedCount;
        event.untrackedBytes = figures == null ? -1 : figures.untrackedBytes;
        event.mapCount = figures == null ? -1 : figures.mapCount;
        event.maxMapCount = totals.maxMapCount;
        event.rssFile = status == null ? -1 : status.rssFile();
        event.rssAnon = status == null ? -1 : status.rssAnon();
        event.commit();
    }

    /** What one read of maps found. */
    private static final class MapsFigures {
        long mapCount;
        long untrackedCount;
        long untrackedBytes;
        long ownCount;
        long ownBytes;
    }

    private MapsFigures readMaps() throws IOException {
        text.read(maps);
        if (text.length() == 0) {
            sources.unavailable(MAPS, "/proc/self/maps is empty");
            return null;
        }
        sources.ok(MAPS);
        MapsFigures pass = new MapsFigures();
        files.clear();
        Map<Long, Long> seenNow = new HashMap<>();
        boolean emit = untrackedPrototype.isEnabled();
        boolean all = reannounce && emit;
        if (all) {
            reannounce = false;
        }
        UntrackedFiles.Builder untracked = untrackedFiles == null ? null : new UntrackedFiles.Builder();
        Maps.forEach(text, entry -> {
            pass.mapCount++;
            if (!entry.isFile()) {
                return;
            }
            Mapping tracked = MappingRegistry.containing(entry.start());
            if (tracked != null ? tracked.own : OwnFiles.isOwn(entry.path())) {
                pass.ownCount++; // the agent's or JFR's: counted in AgentStatus, never the application's
                pass.ownBytes += entry.size();
                if (tracked == null && untracked != null) {
                    untracked.add(entry.start(), entry.end(), entry.offset(), entry.path(), true);
                }
                return;
            }
            if (tracked != null) {
                if (tracked.realPath != null) {
                    MappedFile key = new MappedFile(tracked.realPath, entry.inode());
                    files.computeIfAbsent(key, k -> k).add(tracked);
                }
                if (entry.deleted() && deletedReported.add(tracked)) {
                    hazard(MapwatchEvents.HAZARD_FILE_DELETED, tracked, -1,
                            "the file was deleted while mapped; its space stays in use until the mapping is released");
                }
                return;
            }
            pass.untrackedCount++;
            pass.untrackedBytes += entry.size();
            if (untracked != null) {
                untracked.add(entry.start(), entry.end(), entry.offset(), PathNames.shown(entry.path()), false);
            }
            seenNow.put(entry.start(), entry.inode());
            Long known = untrackedSeen.get(entry.start());
            if (emit && (all || known == null || known != entry.inode())) {
                emitUntracked(entry);
            }
        });
        untrackedSeen = seenNow;
        if (untracked != null) {
            untrackedFiles.accept(untracked.build());
        }
        deletedReported.removeIf(Mapping::isUnmapped);
        truncatedReported.removeIf(Mapping::isUnmapped);
        vanished.removeIf(Mapping::isUnmapped);
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
     * One file the tracked mappings map, as maps showed it (path and inode), with the furthest
     * offset any of them asked for: one {@code stat} per file and pass, however many mappings.
     */
    private static final class MappedFile {
        final String path;
        final long inode;
        final List<Mapping> mappings = new ArrayList<>();
        long furthestEnd;

        MappedFile(String path, long inode) {
            this.path = path;
            this.inode = inode;
        }

        void add(Mapping mapping) {
            mappings.add(mapping);
            furthestEnd = Math.max(furthestEnd, mapping.position + mapping.size);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MappedFile && ((MappedFile) o).path.equals(path) && ((MappedFile) o).inode == inode;
        }

        @Override
        public int hashCode() {
            return path.hashCode() * 31 + Long.hashCode(inode);
        }
    }

    /**
     * A file that shrank below the end of what a mapping asked for: the next access to a page past
     * the new end raises SIGBUS. Checked by path, once per file per pass, and only while the file
     * at that path is still the mapped one (same inode). True when a file vanished or was replaced
     * since maps was read: then maps must be read again to see whether the mapping's file was deleted.
     */
    private boolean checkFiles() {
        boolean changed = false;
        for (MappedFile file : files.values()) {
            long[] sizeAndInode = sizeAndInode(file.path);
            if (sizeAndInode == null || sizeAndInode[1] != file.inode) {
                for (Mapping mapping : file.mappings) {
                    changed |= !mapping.isUnmapped() && vanished.add(mapping); // maps says whether it was deleted
                }
                continue;
            }
            long fileSize = sizeAndInode[0];
            if (fileSize >= file.furthestEnd) {
                if (!truncatedReported.isEmpty()) {
                    file.mappings.forEach(truncatedReported::remove);
                }
                continue;
            }
            for (Mapping mapping : file.mappings) {
                long requestedEnd = mapping.position + mapping.size;
                if (mapping.isUnmapped()) {
                    continue;
                }
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
        return changed;
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

    /** vm.max_map_count; -1 if unreadable. */
    private long readMaxMapCount() {
        if (maxMapCount == null) {
            return -1;
        }
        try {
            long value = Long.parseLong(text.readRecord(maxMapCount).toString().trim());
            sources.ok(MAX_MAP_COUNT);
            return value;
        } catch (IOException | RuntimeException e) {
            sources.unavailable(MAX_MAP_COUNT, "/proc/sys/vm/max_map_count cannot be read");
            return -1;
        }
    }

    private ProcessStatus readStatus() {
        try {
            ProcessStatus process = ProcessStatus.parse(text.readRecord(status));
            sources.ok(STATUS);
            return process;
        } catch (IOException e) {
            sources.unavailable(STATUS, e.getMessage());
            return null;
        }
    }
}
