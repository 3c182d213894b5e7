package io.mapwatch.cli.analysis;

/** File paths as the analyses group them. */
public final class Paths {
    private Paths() {
    }

    /** The directory part of {@code path} with a trailing slash, or the path itself when it has none. */
    public static String directoryOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? path : path.substring(0, slash + 1);
    }
}
