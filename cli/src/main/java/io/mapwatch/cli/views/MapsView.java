package io.mapwatch.cli.views;

import io.mapwatch.cli.analysis.FileMappings;
import io.mapwatch.cli.render.Column;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Fields;
import io.mapwatch.cli.render.Kind;
import io.mapwatch.cli.render.Table;

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
        Table table = document.add(new Table("files", "File mappings by file (largest Rss first; Pss below Rss means"
                + " other processes map the same pages)", List.of(
                new Column("path", "FILE", Kind.TEXT),
                new Column("mappings", "MAPS", Kind.COUNT),
                new Column("sizeBytes", "SIZE", Kind.BYTES),
                new Column("rssBytes", "RSS", Kind.BYTES),
                new Column("pssBytes", "PSS", Kind.BYTES),
                new Column("dirtyBytes", "DIRTY", Kind.BYTES),
                new Column("swapBytes", "SWAP", Kind.BYTES),
                new Column("deleted", "DELETED", Kind.TEXT),
                Column.dataOnly("shared", Kind.TEXT),
                Column.dataOnly("sharedCleanBytes", Kind.BYTES),
                Column.dataOnly("sharedDirtyBytes", Kind.BYTES),
                Column.dataOnly("privateCleanBytes", Kind.BYTES),
                Column.dataOnly("privateDirtyBytes", Kind.BYTES),
                Column.dataOnly("referencedBytes", Kind.BYTES))).whenEmpty("the process maps no file"));
        for (FileMappings.File f : files) {
            table.row(f.path, (long) f.mappings, f.size, f.rss, f.pss, f.dirty(), f.swap, f.deleted ? "deleted" : "",
                    f.shared ? "shared" : "private", f.sharedClean, f.sharedDirty, f.privateClean, f.privateDirty,
                    f.referenced);
        }
        return document;
    }

    private static long sum(List<FileMappings.File> files, ToLongFunction<FileMappings.File> figure) {
        return files.stream().mapToLong(figure).sum();
    }
}
