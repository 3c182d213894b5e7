package io.mapwatch.cli.analysis;

/** The directory a file path is grouped under. */
public final class Directories {
    private Directories() {
    }

    /** The directory part of {@code path} with a trailing slash, or the path itself when it has none. */
    public static String of(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? path : path.substring(0, slash + 1);
    }
}
