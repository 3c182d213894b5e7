package io.mapwatch.cli.read;

/**
 * Something in a recording that mapwatch's chunk parser does not read with certainty (a format
 * version, a field of a type it does not know): the file is read by JFR's own parser instead.
 */
final class UnsupportedRecording extends RuntimeException {
    UnsupportedRecording(String what) {
        super(what, null, false, false);
    }
}
