package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;
import io.mapwatch.events.MapwatchEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Hazards by kind and file, once each with how often they were seen; for deleted files, how long
 * the mapping outlived the file.
 */
public final class HazardsByFile implements Aggregator {
    private final Map<String, FileHazard> byKey = new LinkedHashMap<>();
    private final Map<Long, DeletedMapping> deletedLive = new HashMap<>();
    private final Map<String, DeletedFile> deletedFiles = new LinkedHashMap<>();

    /** One kind of hazard on one file (or process-wide, path null). */
    public static final class FileHazard {
        public final String kind;
        public final String path;
        public final Instant firstSeen;
        public final String detail;
        public long count;

        FileHazard(Fact.MappingHazard first) {
            this.kind = first.kind();
            this.path = first.path();
            this.firstSeen = first.time();
            this.detail = first.detail();
        }
    }

    /** A file deleted while mapped: when, and how long its mappings lived on. */
    public static final class DeletedFile {
        public final String path;
        public final Instant deletedAt;
        public Duration longestMappedAfter = Duration.ZERO;
        public boolean mappedAtEnd;

        DeletedFile(String path, Instant deletedAt) {
            this.path = path;
            this.deletedAt = deletedAt;
        }

        void outlived(Duration after, boolean atEnd) {
            if (after.compareTo(longestMappedAfter) > 0) {
                longestMappedAfter = after;
            }
            mappedAtEnd |= atEnd;
        }
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.MappingHazard.class, Fact.Unmap.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.MappingHazard h) {
            byKey.computeIfAbsent(h.kind() + "\0" + h.path(), k -> new FileHazard(h)).count++;
            if (MapwatchEvents.HAZARD_FILE_DELETED.equals(h.kind()) && h.address() != 0) {
                DeletedFile file = deletedFiles.computeIfAbsent(Objects.toString(h.path(), FileLifecycle.UNKNOWN_PATH),
                        p -> new DeletedFile(p, h.time()));
                deletedLive.putIfAbsent(h.address(), new DeletedMapping(file, h.time()));
            }
        } else if (fact instanceof Fact.Unmap unmap && !deletedLive.isEmpty()) { // most recordings have no deleted file: no boxing per unmap
            DeletedMapping mapping = deletedLive.remove(unmap.address());
            if (mapping != null) {
                mapping.file.outlived(Duration.between(mapping.deletedAt, unmap.time()), false);
            }
        }
    }

    @Override
    public void processEnded(Instant at) {
        finish(at);
    }

    @Override
    public void finish(Instant end) {
        deletedLive.values().forEach(m -> m.file.outlived(Duration.between(m.deletedAt, end), true));
        deletedLive.clear();
    }

    private record DeletedMapping(DeletedFile file, Instant deletedAt) {
    }

    /** Hazards in the order they were first seen. */
    public List<FileHazard> hazards() {
        List<FileHazard> list = new ArrayList<>(byKey.values());
        list.sort(Comparator.comparing((FileHazard h) -> h.firstSeen));
        return list;
    }

    public List<FileHazard> ofKind(String kind) {
        return hazards().stream().filter(h -> h.kind.equals(kind)).toList();
    }

    public List<DeletedFile> deletedFiles() {
        return List.copyOf(deletedFiles.values());
    }
}
