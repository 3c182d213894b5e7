package io.mapwatch.kernel.procfs;

import java.util.Arrays;

/**
 * A CPU list as the kernel prints it ({@code 0-3,8,10-11}): {@code /sys/devices/system/cpu/online},
 * the {@code Cpus_allowed_list:} line of /proc/PID/status ({@code cpuset(7)}, "list format").
 */
public final class CpuList {
    private static final String ALLOWED_KEY = "Cpus_allowed_list:";

    private CpuList() {
    }

    /** The CPUs of the list, ascending; empty for an empty list. Throws IllegalArgumentException for text that is not one. */
    public static int[] parse(CharSequence list) {
        String text = list.toString().trim();
        if (text.isEmpty()) {
            return new int[0];
        }
        int[] cpus = new int[0];
        int count = 0;
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            int first = Integer.parseInt(part.substring(0, dash < 0 ? part.length() : dash).trim());
            int last = dash < 0 ? first : Integer.parseInt(part.substring(dash + 1).trim());
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("not a CPU range: " + part);
            }
            for (int cpu = first; cpu <= last; cpu++) {
                if (count == cpus.length) {
                    cpus = Arrays.copyOf(cpus, Math.max(8, count * 2));
                }
                cpus[count++] = cpu;
            }
        }
        int[] sorted = Arrays.copyOf(cpus, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The CPUs of the {@code Cpus_allowed_list:} line of a status text; null when it has none. */
    public static int[] allowed(CharSequence statusText) {
        for (String line : statusText.toString().split("\n")) {
            if (line.startsWith(ALLOWED_KEY)) {
                return parse(line.substring(ALLOWED_KEY.length()));
            }
        }
        return null;
    }

    /** The CPUs in both lists, ascending. */
    public static int[] both(int[] a, int[] b) {
        return Arrays.stream(a).filter(cpu -> Arrays.binarySearch(b, cpu) >= 0).toArray();
    }
}
