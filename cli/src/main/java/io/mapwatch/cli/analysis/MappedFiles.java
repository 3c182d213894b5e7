package io.mapwatch.cli.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything known about each mapped file, joined by path once the pass is over (lifecycle,
 * residency, stalls, timed copies, read() calls), and about each directory of them; the one place
 * that decides which of a file's figures were not measured.
 */
public final class MappedFiles {
    private static final Comparator<MappedFile> LARGEST_FIRST = Comparator
            .comparingLong((MappedFile f) -> f.lifecycle().peakMappedBytes()).reversed()
            .thenComparing(MappedFile::path);

    private final List<MappedFile> files;
    private final List<MappedFile> directories;

    private MappedFiles(List<MappedFile> files, List<MappedFile> directories) {
        this.files = files;
        this.directories = directories;
    }

    /** Files, the largest peak mapped first. */
    public List<MappedFile> files() {
        return files;
    }

    /** Directories of those files with their files' figures together, the largest peak mapped first. */
    public List<MappedFile> directories() {
        return directories;
    }

    /** The join of one pass's aggregators; {@code stallSamplerRan} and the process's major faults decide the stalls. */
    static MappedFiles join(FileLifecycle lifecycle, Residency residency, Stalls stalls, MappedAccesses accesses,
                            FileReads reads, boolean stallSamplerRan, long processMajorFaults) {
        StallDecision stallDecision = new StallDecision(stallSamplerRan, stalls.total(), stalls.withFile(),
                processMajorFaults);
        Set<String> paths = new TreeSet<>(lifecycle.files().keySet());
        paths.addAll(residency.paths());
        paths.addAll(accesses.paths());
        List<MappedFile> files = new ArrayList<>();
        Map<String, List<MappedFile>> byDirectory = new HashMap<>();
        for (String path : paths) {
            MappedFile file = new MappedFile(path, 1, lifecycleOf(lifecycle.files().get(path)), residency.file(path),
                    stallDecision.of(stalls.tiedTo(path)), accesses.of(path), reads.of(path));
            files.add(file);
            byDirectory.computeIfAbsent(Directories.of(path), d -> new ArrayList<>()).add(file);
        }
        List<MappedFile> directories = new ArrayList<>();
        byDirectory.forEach((directory, inIt) -> directories.add(new MappedFile(directory, inIt.size(),
                lifecycleOf(lifecycle.directories().get(directory)), residency.directory(directory),
                stallDecision.of(tiedTo(inIt)),
                inIt.stream().map(MappedFile::copies).reduce(MappedFile.TimedCopies.NONE, MappedFile.TimedCopies::plus),
                inIt.stream().map(MappedFile::readCalls).reduce(MappedFile.ReadCalls.NONE, MappedFile.ReadCalls::plus))));
        files.sort(LARGEST_FIRST);
        directories.sort(LARGEST_FIRST);
        return new MappedFiles(List.copyOf(files), List.copyOf(directories));
    }

    private static MappedFile.Lifecycle lifecycleOf(FileLifecycle.Stats s) {
        if (s == null) {
            return MappedFile.Lifecycle.UNSEEN;
        }
        return new MappedFile.Lifecycle(s.maps, s.unmaps, s.gcUnmaps, s.extendingMaps, s.seenLive ? s.peakMappedBytes : -1,
                s.seenLive ? s.liveAtEndBytes : -1, s.forces, s.forceNanos, s.forces == 0 ? -1 : s.forceMaxNanos, s.loads,
                s.loadNanos);
    }

    /** The stalls tied to any of {@code files}, or null when none was. */
    private static StallFigures tiedTo(List<MappedFile> files) {
        StallFigures tied = null;
        for (MappedFile file : files) {
            if (file.stalls().stalls() > 0) {
                tied = tied == null ? file.stalls() : tied.plus(file.stalls());
            }
        }
        return tied;
    }

    /**
     * Which stall figures of a file are known. What was tied to the file is known; the rest of a
     * file's stalls and major faults is known to be none only when everything the process had was
     * tied to some file (typically: there were none). Otherwise it is unknown, not 0: the stalls not
     * tied to a file may have been on this one.
     */
    private record StallDecision(boolean sampled, StallFigures total, StallFigures tied, long processMajorFaults) {
        StallFigures of(StallFigures tiedToFile) {
            if (!sampled) {
                return StallFigures.UNKNOWN;
            }
            if (tiedToFile != null) {
                return tiedToFile;
            }
            boolean everyStallTied = tied.stalls() == total.stalls();
            boolean everyFaultTied = processMajorFaults >= 0 && processMajorFaults <= tied.majorFaults();
            return everyStallTied ? new StallFigures(0, everyFaultTied ? 0 : -1, 0) : StallFigures.UNKNOWN;
        }
    }
}
