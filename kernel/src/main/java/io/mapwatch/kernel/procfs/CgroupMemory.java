package io.mapwatch.kernel.procfs;

/**
 * A cgroup's memory limit, usage, page cache, refaults and pressure, read from its v1 or v2 memory files by
 * {@link CgroupMemoryReader}. A figure that could not be read is -1.
 *
 * @param version 1 or 2
 * @param limit the memory limit in bytes (v1 {@code memory.limit_in_bytes}, v2 {@code memory.max});
 *     -1 when unlimited
 * @param usage memory charged to the cgroup now, page cache included, in bytes (v1 {@code memory.usage_in_bytes},
 *     v2 {@code memory.current})
 * @param stat figures from {@code memory.stat}
 * @param pressure the cgroup's own memory pressure (v2 {@code memory.pressure}); {@link PressureStallInfo#UNKNOWN} for v1
 */
public record CgroupMemory(int version, long limit, long usage, CgroupMemoryStat stat, PressureStallInfo pressure) {
}
