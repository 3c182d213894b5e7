package io.mapwatch.cli.views;

import io.mapwatch.cli.analysis.FileMappings;
import io.mapwatch.cli.render.Columns;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Fields;
import io.mapwatch.cli.render.Kind;

import java.util.List;
import java.util.function.ToLongFunction;

/** The answer of {@code maps}: a live process's file mappings, by file. */
public final class MapsView {
    private MapsView() {
    }

    public static Document of(long pid, String command, FileMappings mappings) {
        List<FileMappings.File> files = mappings.files();
        Document document = new Document();
        document.add(new Fields("process", "Process")
                .add("pid", "PID", Kind.COUNT, pid)
                .add("command", "Command", Kind.TEXT, command)
                .add("files", "Mapped files", Kind.COUNT, (long) files.size())
                .add("mappings", "File mappings", Kind.COUNT, sum(files, f -> f.mappings))
                .add("sizeBytes", "Size", Kind.BYTES, sum(files, f -> f.size))
                .add("rssBytes", "Rss", Kind.BYTES, sum(files, f -> f.rss))
                .add("pssBytes", "Pss", Kind.BYTES, sum(files, f -> f.pss))
                .add("dirtyBytes", "Dirty", Kind.BYTES, sum(files, FileMappings.File::dirty))
                .add("swapBytes", "Swap", Kind.BYTES, sum(files, f -> f.swap)));
        document.add(fileColumns()
                .table("files", "File mappings by file (largest Rss first; Pss below Rss means other processes map the"
                        + " same pages)", files)
                .whenEmpty("the process maps no file"));
        return document;
    }

    /** The columns of a file's mappings in a live process, from its smaps. */
    public static Columns<FileMappings.File> fileColumns() {
        return residentColumns().addAll(detailColumns());
    }

    /** The file, its mappings, their size and how much of them is resident: what {@code top} shows of them in text too. */
    public static Columns<FileMappings.File> residentColumns() {
        return new Columns<FileMappings.File>()
                .add("path", "FILE", Kind.PATH, f -> f.path)
                .add("mappings", "MAPS", Kind.COUNT, f -> (long) f.mappings)
                .add("sizeBytes", "SIZE", Kind.BYTES, f -> f.size)
                .add("rssBytes", "RSS", Kind.BYTES, f -> f.rss);
    }

    /** The rest of what smaps tells of a file's mappings. */
    public static Columns<FileMappings.File> detailColumns() {
        return new Columns<FileMappings.File>()
                .add("pssBytes", "PSS", Kind.BYTES, f -> f.pss)
                .add("dirtyBytes", "DIRTY", Kind.BYTES, FileMappings.File::dirty)
                .add("swapBytes", "SWAP", Kind.BYTES, f -> f.swap)
                .add("deleted", "DELETED", Kind.TEXT, f -> f.deleted ? "deleted" : "")
                .dataOnly("shared", Kind.TEXT, f -> f.shared ? "shared" : "private")
                .dataOnly("sharedCleanBytes", Kind.BYTES, f -> f.sharedClean)
                .dataOnly("sharedDirtyBytes", Kind.BYTES, f -> f.sharedDirty)
                .dataOnly("privateCleanBytes", Kind.BYTES, f -> f.privateClean)
                .dataOnly("privateDirtyBytes", Kind.BYTES, f -> f.privateDirty)
                .dataOnly("referencedBytes", Kind.BYTES, f -> f.referenced);
    }

    private static long sum(List<FileMappings.File> files, ToLongFunction<FileMappings.File> figure) {
        return files.stream().mapToLong(figure).sum();
    }
}
