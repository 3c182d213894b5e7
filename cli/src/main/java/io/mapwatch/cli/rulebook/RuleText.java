package io.mapwatch.cli.rulebook;

/**
 * What each rule is called and says, the one source for the CLI's findings and the JMC rules'
 * results: its stable id, its title, why what it looks for matters, and what to do when it fires.
 */
public enum RuleText {
    PAGE_FAULT_STALLS("page-fault-stalls", "Threads blocked in page faults",
            "A thread blocked in a page fault waits for the disk inside an ordinary memory read: no timeout,"
            + " interrupt or cancellation reaches it, so the wait adds straight to latency.",
            "Run 'mapwatch faults' for the stacks and files; keep the hot part of the files in the page cache"
            + " (memory for the cache, MappedByteBuffer.load() on the hot range), or read cold data with"
            + " FileChannel.read on threads that may wait."),

    COLD_MAPPED_READS("cold-mapped-reads", "Mappings mostly not resident while being read",
            "Every access to a page that is not in memory is a page fault, and one that is not in the page cache"
            + " waits for the disk; reads of a mostly cold mapping are as slow as the disk.",
            "Give the page cache room for the hot part of the file (see 'mapwatch plan'), load() the ranges that"
            + " will be read, and check the readahead of the device (random reads want it small)."),

    PAGE_CACHE_PRESSURE("page-cache-pressure", "Page-cache pressure",
            "Under memory pressure the kernel evicts page cache, mapped files included; evicted pages that are"
            + " needed again come back as major faults, and tasks stall on memory.",
            "Give the cgroup or machine more memory for the page cache, or shrink what competes for it (heap,"
            + " other processes); 'mapwatch plan' shows the working set to fit."),

    FORCE_LATENCY("force-latency", "force() latency",
            "force() (msync) blocks its caller until the dirty pages are on storage; a writer that forces often"
            + " spends its time waiting for the disk, and so does whatever waits for that writer.",
            "Force less often (group commits), force only the range written (force(index, length)), and keep"
            + " forces off latency-critical threads."),

    GC_ONLY_UNMAPS("gc-only-unmaps", "Mappings freed only by the GC",
            "A MappedByteBuffer is unmapped only when the GC collects it: until then its address space, its"
            + " vm.max_map_count slot and, for a deleted file, its disk space stay taken, for as long as the next"
            + " GC of its generation takes to come.",
            "Release mappings when done with them: a MemorySegment from Arena.ofShared()/ofConfined() and"
            + " close(), or the Unsafe.invokeCleaner idiom Lucene and Netty use for MappedByteBuffer."),

    DELETED_FILE_MAPPED("deleted-file-mapped", "Mappings long-lived after their file was deleted",
            "The disk space of a deleted file is freed only when its last mapping goes: df and du disagree"
            + " meanwhile, and the data keeps its page cache.",
            "Unmap before or right after deleting (close the Arena, or invokeCleaner for a MappedByteBuffer);"
            + " a buffer left to the GC keeps the file until the next collection."),

    TRUNCATED_UNDER_MAPPING("truncated-under-mapping", "File truncated under a mapping",
            "Touching a mapped page past the end of its file raises SIGBUS, which the JVM turns into an"
            + " InternalError at an ordinary memory access, where code rarely expects one.",
            "Never shrink a file that this or another process maps: write a new file and rename it, and unmap"
            + " before truncating."),

    MAP_COUNT_LIMIT("map-count-limit", "Map count near vm.max_map_count",
            "Past vm.max_map_count every mmap fails, and so do new thread stacks and malloc arenas; the JVM reports"
            + " it as an IOException or an OutOfMemoryError 'Map failed'.",
            "Map fewer, larger regions, unmap promptly instead of waiting for the GC, or raise vm.max_map_count"
            + " (sysctl) with room for growth."),

    MAP_FAILURES("map-failures", "Maps that failed",
            "A failed map reaches the application as an IOException or an OutOfMemoryError 'Map failed', often"
            + " after the JVM already ran a GC and retried.",
            "Read the message: 'Map failed' with ENOMEM means address space (ulimit -v) or vm.max_map_count"
            + " (see map-count-limit); 'cannot extend file' means a read-only channel was asked to map past the"
            + " end of its file."),

    DOUBLE_CACHED("double-cached", "File both mapped and read with read()",
            "read() copies from the page cache into a buffer of the process: data of a file that is also mapped is"
            + " then held twice, once in the page cache the mapping shares and once in the copy.",
            "Read such a file one way: through the mapping (a bulk get from the mapped buffer) or only with read()."),

    MAP_EXTENDS_FILE("map-extends-file", "Maps that grew their file",
            "Mapping READ_WRITE past the end of a file grows it, usually as a sparse file: the disk space is taken"
            + " only when pages are written, and a write to a full disk then raises SIGBUS instead of an IOException.",
            "Size the file explicitly before mapping it (RandomAccessFile.setLength, or preallocate) and check the"
            + " free space then.");

    private final String id;
    private final String title;
    private final String why;
    private final String action;

    RuleText(String id, String title, String why, String action) {
        this.id = id;
        this.title = title;
        this.why = why;
        this.action = action;
    }

    /** Stable id, such as {@code page-fault-stalls}: used in JSON, in --threshold, in JMC and in the docs. */
    public String id() {
        return id;
    }

    /** Short title. */
    public String title() {
        return title;
    }

    /** Why what the rule looks for matters. */
    public String why() {
        return why;
    }

    /** What to do when the rule fires. */
    public String action() {
        return action;
    }
}
