package io.mapwatch.cli.read;

import java.util.Arrays;

/** A map from long keys to int values (non-negative), open addressing, without boxing. */
final class LongIndex {
    private static final int ABSENT = -1;
    private long[] keys = new long[16];
    private int[] values = filled(16);
    private int size;

    private static int[] filled(int length) {
        int[] values = new int[length];
        Arrays.fill(values, ABSENT);
        return values;
    }

    /** The value of {@code key}, or -1. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
            if (values[slot] == ABSENT) {
                return ABSENT;
            }
            if (keys[slot] == key) {
                return values[slot];
            }
        }
    }

    /** Sets the value of {@code key}, replacing an earlier one. */
    void put(long key, int value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
            if (values[slot] == ABSENT) {
                keys[slot] = key;
                values[slot] = value;
                size++;
                return;
            }
            if (keys[slot] == key) {
                values[slot] = value;
                return;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = filled(oldKeys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != ABSENT) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32);
    }
}
