package io.mapwatch.cli.read;

/** A chunk whose bytes do not follow JFR's format where mapwatch's chunk parser read them. */
final class DamagedChunk extends RuntimeException {
    DamagedChunk(String what) {
        super(what, null, false, false);
    }
}
