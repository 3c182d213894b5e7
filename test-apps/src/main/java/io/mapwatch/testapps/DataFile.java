package io.mapwatch.testapps;

import java.io.IOException;
import java.nio.file.Path;

/** The file a workload maps: {@code --file}, with {@code --size} bytes of data. */
public record DataFile(Path path, long size) {
    /**
     * {@code --file} and {@code --size} of {@code args}, the workload's defaults otherwise; creates
     * the file unless it has that size already ({@link DataFiles#ensure}).
     */
    public static DataFile of(Args args, String defaultPath, String defaultSize) throws IOException {
        DataFile data = new DataFile(args.path("file", defaultPath), args.bytes("size", defaultSize));
        DataFiles.ensure(data.path, data.size);
        return data;
    }
}
