package io.mapwatch.cli.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything known about each mapped file, joined by path once the pass is over (lifecycle,
 * residency, working set, stalls, exact faults, timed copies, read() calls), and about each directory of them; the one place
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

    /**
     * The join of one pass's aggregators; {@code stallSamplerRan}, the process's major faults and the
     * exact faults ({@code exact}, null when they were not recorded) decide the stalls.
     */
    static MappedFiles join(FileLifecycle lifecycle, Residency residency, WorkingSets workingSets, Stalls stalls,
                            FaultRanges exact, MappedAccesses accesses, FileReads reads, boolean stallSamplerRan,
                            long processMajorFaults) {
        StallDecision stallDecision = new StallDecision(stallSamplerRan, stalls, exact, processMajorFaults);
        Set<String> paths = new TreeSet<>(lifecycle.files().keySet());
        paths.addAll(residency.paths());
        paths.addAll(workingSets.paths());
        paths.addAll(accesses.paths());
        if (exact != null) {
            exact.files().stream().filter(FaultRanges.FileTotal::tracked).forEach(f -> paths.add(f.path()));
        }
        List<MappedFile> files = new ArrayList<>();
        Map<String, List<String>> byDirectory = new HashMap<>();
        for (String path : paths) {
            files.add(new MappedFile(path, 1, lifecycleOf(lifecycle.files().get(path)), residency.file(path),
                    workingSets.file(path), stallDecision.of(List.of(path)), exact == null ? null : exact.ranges(path), accesses.of(path),
                    reads.of(path)));
            byDirectory.computeIfAbsent(Directories.of(path), d -> new ArrayList<>()).add(path);
        }
        List<MappedFile> directories = new ArrayList<>();
        byDirectory.forEach((directory, inIt) -> directories.add(new MappedFile(directory, inIt.size(),
                lifecycleOf(lifecycle.directories().get(directory)), residency.directory(directory),
                workingSets.directory(directory), stallDecision.of(inIt), null,
                inIt.stream().map(accesses::of).reduce(MappedFile.TimedCopies.NONE, MappedFile.TimedCopies::plus),
                inIt.stream().map(reads::of).reduce(MappedFile.ReadCalls.NONE, MappedFile.ReadCalls::plus))));
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

    /**
     * Which stall figures of a file (or of several files together) are known, and what they are.
     * With exact faults, a file's major faults are those the kernel recorded at its addresses and
     * its stall time is what the agent saw its threads blocked on them: both known, 0 for a file
     * without any (its stall time unknown only when the stall sampler did not measure it). Without
     * them, what a timed access tied to the file is known; the rest of a file's stalls and major
     * faults is known to be none only when everything the process had was tied to some file
     * (typically: there were none), and otherwise unknown, not 0: the stalls not tied to a file may
     * have been on this one.
     */
    private record StallDecision(boolean sampled, Stalls stalls, FaultRanges exact, long processMajorFaults) {
        StallFigures of(List<String> paths) {
            if (exact != null) {
                return paths.stream().map(this::exactly).reduce(StallFigures.NONE, StallFigures::plus);
            }
            if (!sampled) {
                return StallFigures.UNKNOWN;
            }
            StallFigures tied = paths.stream().map(p -> stalls.tiedTo(p, Stalls.Tie.TIMED_ACCESS))
                    .filter(Objects::nonNull).reduce(StallFigures::plus).orElse(null);
            if (tied != null) {
                return tied;
            }
            StallFigures tiedToAny = stalls.withFile(Stalls.Tie.TIMED_ACCESS);
            boolean everyStallTied = tiedToAny.stalls() == stalls.total().stalls();
            boolean everyFaultTied = processMajorFaults >= 0 && processMajorFaults <= tiedToAny.majorFaults();
            return everyStallTied ? new StallFigures(0, everyFaultTied ? 0 : -1, 0) : StallFigures.UNKNOWN;
        }

        private StallFigures exactly(String path) {
            FaultRanges.FileTotal faults = exact.file(path);
            StallFigures joined = stalls.tiedTo(path, Stalls.Tie.EXACT_FAULTS);
            long stallCount = !sampled ? -1 : joined == null ? 0 : joined.stalls();
            return new StallFigures(stallCount, faults.majorFaults(), sampled ? faults.stallNanos() : -1);
        }
    }
}
