package io.mapwatch.benchapps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfWordsTest {
    @Test
    void wordsAreSpelledInBijectiveBase26() {
        assertEquals("a", ZipfWords.word(0));
        assertEquals("z", ZipfWords.word(25));
        assertEquals("aa", ZipfWords.word(26));
        assertEquals("zz", ZipfWords.word(701));
        assertEquals("aaa", ZipfWords.word(702));
    }

    @Test
    void ranksAreDrawnInProportionToOneOverRank() {
        ZipfWords words = new ZipfWords(1000, 1.0);
        double harmonic = 0;
        for (int rank = 1; rank <= 1000; rank++) {
            harmonic += 1.0 / rank;
        }
        int[] counts = new int[words.size()];
        SplittableRandom random = new SplittableRandom(1);
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            counts[words.sample(random)]++;
        }
        // 1/H(1000) = 13.4% for the commonest word, half that for the second, a tenth for the tenth.
        assertEquals(draws / harmonic, counts[0], draws * 0.005);
        assertEquals(draws / harmonic / 2, counts[1], draws * 0.005);
        assertEquals(draws / harmonic / 10, counts[9], draws * 0.005);
    }
}
