package io.mapwatch.benchapps;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A vocabulary of synthetic words whose frequencies follow Zipf's law, as words in natural text
 * do: the word of rank r (0 is the most frequent) is drawn with a probability proportional to
 * {@code 1 / (r + 1)^exponent}. Word r is spelled as r + 1 in bijective base 26 ({@code a} ...
 * {@code z}, {@code aa}, ...), so frequent words are short, and every word is a single token to
 * Lucene's StandardAnalyzer.
 */
final class ZipfWords {
    private final double[] cumulative;

    ZipfWords(int size, double exponent) {
        cumulative = new double[size];
        double sum = 0;
        for (int rank = 0; rank < size; rank++) {
            sum += 1 / Math.pow(rank + 1, exponent);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < size; rank++) {
            cumulative[rank] /= sum;
        }
    }

    int size() {
        return cumulative.length;
    }

    /** A rank drawn from the distribution. */
    int sample(SplittableRandom random) {
        int found = Arrays.binarySearch(cumulative, random.nextDouble());
        int rank = found >= 0 ? found : -found - 1;
        return Math.min(rank, cumulative.length - 1);
    }

    static String word(int rank) {
        StringBuilder word = new StringBuilder();
        for (int n = rank + 1; n > 0; n = (n - 1) / 26) {
            word.append((char) ('a' + (n - 1) % 26));
        }
        return word.reverse().toString();
    }
}
