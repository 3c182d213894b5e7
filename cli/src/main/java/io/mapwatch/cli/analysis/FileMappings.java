package io.mapwatch.cli.analysis;

import io.mapwatch.kernel.procfs.SmapsEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A live process's file mappings from its smaps, summed by file; anonymous and pseudo areas are left out. */
public final class FileMappings implements Consumer<SmapsEntry> {
    private final Map<String, File> byPath = new LinkedHashMap<>();

    /** The mappings of one file. Amounts in bytes; a figure the kernel did not print counts as 0. */
    public static final class File {
        public final String path;
        public int mappings;
        public long size;
        public long rss;
        public long pss;
        public long sharedClean;
        public long sharedDirty;
        public long privateClean;
        public long privateDirty;
        public long referenced;
        public long swap;
        public boolean deleted;
        public boolean shared;

        File(String path) {
            this.path = path;
        }

        /** A file of which nothing is mapped now. */
        public static File unmapped(String path) {
            return new File(path);
        }

        /** Modified resident bytes, shared or private: what writeback still has to write. */
        public long dirty() {
            return sharedDirty + privateDirty;
        }
    }

    @Override
    public void accept(SmapsEntry entry) {
        if (!entry.mapping().isFile()) {
            return;
        }
        File file = byPath.computeIfAbsent(entry.mapping().path(), File::new);
        file.mappings++;
        file.size += entry.size();
        file.rss += Math.max(0, entry.rss());
        file.pss += Math.max(0, entry.pss());
        file.sharedClean += Math.max(0, entry.sharedClean());
        file.sharedDirty += Math.max(0, entry.sharedDirty());
        file.privateClean += Math.max(0, entry.privateClean());
        file.privateDirty += Math.max(0, entry.privateDirty());
        file.referenced += Math.max(0, entry.referenced());
        file.swap += Math.max(0, entry.swap());
        file.deleted |= entry.mapping().deleted();
        file.shared |= entry.mapping().isShared();
    }

    /** Files, the largest resident first. */
    public List<File> files() {
        List<File> files = new ArrayList<>(byPath.values());
        files.sort(Comparator.comparingLong((File f) -> f.rss).reversed().thenComparing(f -> f.path));
        return files;
    }
}
