package io.mapwatch.cli.rulebook;

import java.time.Duration;

/**
 * Every rule's thresholds with their defaults, by rule: the CLI's rules (with --threshold on top)
 * and the JMC rules (as preferences) both read them here.
 */
public final class Limits {
    /** {@link RuleText#PAGE_FAULT_STALLS}. */
    public static final class PageFaultStalls {
        public static final Limit<Double> WARNING_SHARE = new Limit<>("warning-share", 0.05,
                "a thread stalled for at least this share of the recording");
        public static final Limit<Duration> WARNING_TIME = new Limit<>("warning-time", Duration.ofSeconds(1),
                "or a thread stalled at least this long in all");
        public static final Limit<Duration> INFO_TIME = new Limit<>("info-time", Duration.ofMillis(50),
                "a thread stalled at least this long in all");

        private PageFaultStalls() {
        }
    }

    /** {@link RuleText#COLD_MAPPED_READS}. */
    public static final class ColdMappedReads {
        public static final Limit<Double> CACHED_BELOW = new Limit<>("cached-below", 0.5,
                "average share of the mapping in the page cache (resident where not measured) below which reads are cold");
        public static final Limit<Long> MIN_READS = new Limit<>("min-reads", 10L,
                "slow reads (mapwatch.MappedRead) of the file needed before the rule judges it");

        private ColdMappedReads() {
        }
    }

    /** {@link RuleText#PAGE_CACHE_PRESSURE}. */
    public static final class PageCachePressure {
        public static final Limit<Double> WARNING_PSI = new Limit<>("warning-psi", 0.10,
                "peak PSI memory 'some' avg10");
        public static final Limit<Double> INFO_PSI = new Limit<>("info-psi", 0.01,
                "peak PSI memory 'some' avg10");
        public static final Limit<Double> WARNING_CGROUP = new Limit<>("warning-cgroup", 0.9,
                "peak cgroup usage as a share of its limit");
        public static final Limit<Long> WARNING_REFAULTS = new Limit<>("warning-refaults", 10_000L,
                "pages of the cgroup read again soon after being evicted");

        private PageCachePressure() {
        }
    }

    /** {@link RuleText#FORCE_LATENCY}. */
    public static final class ForceLatency {
        public static final Limit<Duration> WARNING_MAX = new Limit<>("warning-max", Duration.ofMillis(100),
                "a single force() took at least this long");
        public static final Limit<Double> WARNING_SHARE = new Limit<>("warning-share", 0.2,
                "or force() calls took at least this share of the recording's time");
        public static final Limit<Duration> INFO_MAX = new Limit<>("info-max", Duration.ofMillis(10),
                "a single force() took at least this long");
        public static final Limit<Double> INFO_SHARE = new Limit<>("info-share", 0.05,
                "or force() calls took at least this share of the recording's time");

        private ForceLatency() {
        }
    }

    /** {@link RuleText#GC_ONLY_UNMAPS}. */
    public static final class GcOnlyUnmaps {
        public static final Limit<Double> WARNING_SHARE = new Limit<>("warning-share", 0.5,
                "share of the unmaps done by the GC");
        public static final Limit<Long> MIN_UNMAPS = new Limit<>("min-unmaps", 10L,
                "GC unmaps needed before the share counts as a warning");

        private GcOnlyUnmaps() {
        }
    }

    /** {@link RuleText#DELETED_FILE_MAPPED}. */
    public static final class DeletedFileMapped {
        public static final Limit<Duration> WARNING_AFTER = new Limit<>("warning-after", Duration.ofMinutes(1),
                "a mapping outlived its file by at least this long (or to the end of the recording)");

        private DeletedFileMapped() {
        }
    }

    /** {@link RuleText#MAP_COUNT_LIMIT}. */
    public static final class MapCountLimit {
        public static final Limit<Double> WARNING_SHARE = new Limit<>("warning-share", 0.8,
                "peak map count as a share of vm.max_map_count");
        public static final Limit<Double> INFO_SHARE = new Limit<>("info-share", 0.5,
                "peak map count as a share of vm.max_map_count");

        private MapCountLimit() {
        }
    }

    /** {@link RuleText#DOUBLE_CACHED}. */
    public static final class DoubleCached {
        public static final Limit<Long> WARNING_BYTES = new Limit<>("warning-bytes", 1L << 20,
                "bytes read with read() from mapped files");

        private DoubleCached() {
        }
    }

    private Limits() {
    }
}
