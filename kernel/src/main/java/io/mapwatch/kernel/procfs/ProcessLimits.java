package io.mapwatch.kernel.procfs;

/**
 * The soft limits mapwatch uses of /proc/PID/limits ({@code getrlimit(2)} as the kernel prints it):
 * {@link #UNLIMITED} for {@code unlimited}, -1 for a line that is missing or unreadable.
 *
 * @param openFiles {@code Max open files} (RLIMIT_NOFILE)
 * @param lockedMemoryBytes {@code Max locked memory} (RLIMIT_MEMLOCK), in bytes
 */
public record ProcessLimits(long openFiles, long lockedMemoryBytes) {
    public static final long UNLIMITED = Long.MAX_VALUE;

    /** The limits text's soft values; never null. */
    public static ProcessLimits parse(CharSequence text) {
        long openFiles = -1;
        long lockedMemory = -1;
        for (String line : text.toString().split("\n")) {
            if (line.startsWith("Max open files")) {
                openFiles = softValue(line, "Max open files".length());
            } else if (line.startsWith("Max locked memory")) {
                lockedMemory = softValue(line, "Max locked memory".length());
            }
        }
        return new ProcessLimits(openFiles, lockedMemory);
    }

    /** The first field after the limit's name: the soft limit. */
    private static long softValue(String line, int nameEnd) {
        String[] fields = line.substring(nameEnd).trim().split("\\s+");
        if (fields.length == 0 || fields[0].isEmpty()) {
            return -1;
        }
        if (fields[0].equals("unlimited")) {
            return UNLIMITED;
        }
        try {
            return Long.parseLong(fields[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
