package io.mapwatch.cli.read;

import io.mapwatch.cli.read.ChunkMetadata.Field;
import io.mapwatch.cli.read.ChunkMetadata.Type;

/**
 * How to read the events of one type that becomes facts, compiled once per metadata: what each
 * field's value is and where it goes, and the converter that makes the fact. Which field a
 * converter asks for next is learnt on the first events and checked by identity after that, as the
 * converters ask for the same fields in the same order every time.
 */
final class EventLayout {
    static final int SKIP = 0;
    static final int INTEGER = 1;
    static final int BOOLEAN = 2;
    static final int FLOATING = 3;
    static final int STRING = 4;
    static final int POOLED = 5;

    /** How an integer is written and widened, as JFR's parser narrows each type. */
    static final int LONG = 0;
    static final int INT = 1;
    static final int SHORT = 2;
    static final int CHAR = 3;
    static final int BYTE = 4;
    static final int FLOAT = 5;
    static final int DOUBLE = 6;

    final Type type;
    final Field[] fields;
    final String[] names;
    final int[] kinds;
    /** For an integer or floating field: which type, as above. */
    final int[] widths;
    final boolean hasDuration;
    final Converters.Converter converter;
    final boolean mapwatch;
    /** Which field the n-th request of an event has been; written by any parser thread, always checked. */
    final int[] predicted = new int[64];

    EventLayout(Type type, Converters.Converter converter, boolean mapwatch) {
        this.type = type;
        this.converter = converter;
        this.mapwatch = mapwatch;
        this.fields = type.fields.toArray(new Field[0]);
        this.names = new String[fields.length];
        this.kinds = new int[fields.length];
        this.widths = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            names[i] = fields[i].name;
            kinds[i] = kind(fields[i]);
            widths[i] = switch (fields[i].type.name) {
                case "int" -> INT;
                case "short" -> SHORT;
                case "char" -> CHAR;
                case "byte" -> BYTE;
                case "float" -> FLOAT;
                case "double" -> DOUBLE;
                default -> LONG;
            };
        }
        if (fields.length == 0 || !names[0].equals("startTime") || kinds[0] != INTEGER) {
            throw new UnsupportedRecording(type.name + " does not start with its start time");
        }
        int duration = type.index("duration");
        if (duration > 1 || duration == 1 && kinds[1] != INTEGER) {
            throw new UnsupportedRecording(type.name + " has its duration out of place");
        }
        hasDuration = duration == 1;
        java.util.Arrays.fill(predicted, -1);
    }

    private static int kind(Field field) {
        if (field.array) {
            return SKIP;
        }
        if (field.pooled) {
            return POOLED;
        }
        return switch (field.type.name) {
            case "byte", "short", "char", "int", "long" -> INTEGER;
            case "boolean" -> BOOLEAN;
            case "float", "double" -> FLOATING;
            case "java.lang.String" -> STRING;
            default -> SKIP;
        };
    }

    /** The index of field {@code name} as the {@code call}-th request of an event, or -1. */
    int index(String name, int call) {
        if (call < predicted.length) {
            int guess = predicted[call];
            if (guess >= 0 && names[guess] == name) {
                return guess;
            }
        }
        int found = -1;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                found = i;
                break;
            }
        }
        if (call < predicted.length) {
            predicted[call] = found;
        }
        return found;
    }
}
