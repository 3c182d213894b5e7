package io.mapwatch.events;

/** Event names and the category every mapwatch event lives under. */
public final class MapwatchEvents {
    public static final String PREFIX = "mapwatch.";
    public static final String CATEGORY = "Mapped Memory";

    public static final String MAP = PREFIX + "Map";
    public static final String MAP_FAILURE = PREFIX + "MapFailure";
    public static final String UNMAP = PREFIX + "Unmap";
    public static final String FORCE = PREFIX + "Force";
    public static final String LOAD = PREFIX + "Load";
    public static final String MAPPED_READ = PREFIX + "MappedRead";
    public static final String MAPPED_WRITE = PREFIX + "MappedWrite";
    public static final String MAPPING_RESIDENCY = PREFIX + "MappingResidency";
    public static final String WORKING_SET = PREFIX + "WorkingSet";
    public static final String MAPPED_MEMORY = PREFIX + "MappedMemory";
    public static final String UNTRACKED_MAPPING = PREFIX + "UntrackedMapping";
    public static final String PAGE_FAULTS = PREFIX + "PageFaults";
    public static final String THREAD_PAGE_FAULTS = PREFIX + "ThreadPageFaults";
    public static final String PAGE_FAULT_STALL = PREFIX + "PageFaultStall";
    public static final String FAULT_RANGE = PREFIX + "FaultRange";
    public static final String MEMORY_PRESSURE = PREFIX + "MemoryPressure";
    public static final String MAPPING_HAZARD = PREFIX + "MappingHazard";
    public static final String AGENT_STATUS = PREFIX + "AgentStatus";
    public static final String SOURCE_STATUS = PREFIX + "SourceStatus";
    public static final String SAMPLER_STATUS = PREFIX + "SamplerStatus";
    public static final String LIVE_MAPPING = PREFIX + "LiveMapping";

    /** Values of the {@code mode} field. */
    public static final String MODE_READ_ONLY = "READ_ONLY";
    public static final String MODE_READ_WRITE = "READ_WRITE";
    public static final String MODE_PRIVATE = "PRIVATE";
    public static final String MODE_READ_ONLY_SYNC = "READ_ONLY_SYNC";
    public static final String MODE_READ_WRITE_SYNC = "READ_WRITE_SYNC";

    /** Values of the {@code trigger} field of {@code mapwatch.Unmap}. */
    public static final String TRIGGER_GC = "GC";
    public static final String TRIGGER_EXPLICIT = "EXPLICIT";
    public static final String TRIGGER_ARENA = "ARENA";

    /** Values of the {@code kind} field of {@code mapwatch.MappingHazard}. */
    public static final String HAZARD_FILE_TRUNCATED = "FILE_TRUNCATED";
    public static final String HAZARD_FILE_DELETED = "FILE_DELETED";
    public static final String HAZARD_MAP_COUNT_NEAR_LIMIT = "MAP_COUNT_NEAR_LIMIT";
    public static final String HAZARD_FILE_EXTENDED_BY_MAP = "FILE_EXTENDED_BY_MAP";

    /** Values of the {@code state} field of {@code mapwatch.SourceStatus}. */
    public static final String SOURCE_OK = "OK";
    public static final String SOURCE_OFF = "OFF";
    public static final String SOURCE_UNAVAILABLE = "UNAVAILABLE";
    public static final String SOURCE_FAILING = "FAILING";

    /** Values of the {@code api} field of {@code mapwatch.Map}. */
    public static final String API_BYTE_BUFFER = "ByteBuffer";
    public static final String API_MEMORY_SEGMENT = "MemorySegment";

    private MapwatchEvents() {
    }
}
