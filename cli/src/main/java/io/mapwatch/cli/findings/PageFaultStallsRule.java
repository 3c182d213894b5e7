package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.FaultRanges;
import io.mapwatch.cli.analysis.FaultedFile;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.analysis.StallFigures;
import io.mapwatch.cli.analysis.Stalls;
import io.mapwatch.cli.render.Units;
import io.mapwatch.cli.rulebook.Limits;
import io.mapwatch.cli.rulebook.RuleText;

import java.time.Duration;
import java.util.List;

/** Threads blocked in page faults: the stall sampler saw them in state D outside any system call. */
public final class PageFaultStallsRule implements Rule {
    static final Threshold<Double> WARNING_SHARE = Threshold.share(Limits.PageFaultStalls.WARNING_SHARE);
    static final Threshold<Duration> WARNING_TIME = Threshold.duration(Limits.PageFaultStalls.WARNING_TIME);
    static final Threshold<Duration> INFO_TIME = Threshold.duration(Limits.PageFaultStalls.INFO_TIME);

    @Override
    public RuleText text() {
        return RuleText.PAGE_FAULT_STALLS;
    }

    @Override
    public List<Threshold<?>> thresholds() {
        return List.of(WARNING_SHARE, WARNING_TIME, INFO_TIME);
    }

    @Override
    public List<Requirement> requires() {
        return List.of(Requirement.STALL_SAMPLER);
    }

    /** Where the file most stall time was tied to, and with exact faults its hottest range, says so. */
    private static String onFile(RecordingAnalysis analysis) {
        FaultedFile file = analysis.faultedFiles().stream().filter(f -> f.stalls().nanos() > 0).findFirst().orElse(null);
        if (file == null) {
            return "";
        }
        String text = String.format(" The file with the most stall time tied to it: %s, %s", file.path(),
                Units.nanos(file.stalls().nanos()));
        List<FaultRanges.HotRange> hottest = analysis.exactFaultsRan() ? analysis.faultRanges().hottest(file.path(), 1)
                : List.of();
        if (!hottest.isEmpty() && hottest.get(0).stallNanos() > 0) {
            FaultRanges.HotRange range = hottest.get(0);
            text += String.format(", %s of it at offsets %s to %s", Units.nanos(range.stallNanos()),
                    Units.bytes(range.offset()), Units.bytes(range.offset() + range.length()));
        }
        return text + ".";
    }

    @Override
    public Finding evaluate(RecordingAnalysis analysis, Thresholds thresholds) {
        List<Stalls.ThreadStalls> threads = analysis.stalls().threads();
        if (threads.isEmpty()) {
            return Finding.ok(this, "No thread was seen blocked in a page fault.");
        }
        Stalls.ThreadStalls worst = threads.get(0);
        long recordingNanos = Math.max(1, analysis.duration().toNanos());
        double share = (double) worst.stalls().nanos() / recordingNanos;
        StallFigures total = analysis.stallTotal();
        String seen = String.format("Thread %s stalled in page faults for %s (%s of the recording) in %d stalls"
                        + " with %d major faults; all %d stalled threads: %s in %d stalls.",
                worst.name(), Units.nanos(worst.stalls().nanos()), Units.share(share), worst.stalls().stalls(),
                worst.stalls().majorFaults(), threads.size(), Units.nanos(total.nanos()), total.stalls());
        List<Stalls.StackStalls> stacks = analysis.stalls().stacks();
        if (!stacks.isEmpty()) {
            seen += " Most stall time at " + String.join(" < ", stacks.get(0).frames()) + ".";
        }
        seen += onFile(analysis);
        if (share >= thresholds.get(this, WARNING_SHARE)
                || worst.stalls().nanos() >= thresholds.get(this, WARNING_TIME).toNanos()) {
            return Finding.of(this, Severity.WARNING, seen);
        }
        if (worst.stalls().nanos() >= thresholds.get(this, INFO_TIME).toNanos()) {
            return Finding.of(this, Severity.INFO, seen);
        }
        return Finding.ok(this, seen);
    }
}
