package io.mapwatch.benchapps;

import java.util.SplittableRandom;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The queries one searcher thread runs, drawn from a fixed seed. Their words follow the same Zipf
 * distribution as the text, as words in real query logs do, less the 20 commonest words (stop
 * words to a query parser). In the default index of 2 million documents they range from words in
 * a fifth of the documents to words in a few dozen; half of them are among the 2,000 commonest
 * (each in 4,000 documents or more). Half the queries are one word; a fifth are two words either
 * of which matches (OR), a fifth two words that must both match (AND), and a tenth a two-word
 * phrase (which reads positions). Without the stop words no query costs more than a few dozen
 * average ones, so that a measured window's count does not hang on where it cut the cycle.
 */
final class QueryMix {
    /** The commonest words, each in a fifth or more of the documents. */
    private static final int STOP_WORDS = 20;

    private QueryMix() {
    }

    static Query[] draw(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        Query[] queries = new Query[count];
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(10);
            Term first = term(random);
            if (kind < 5) {
                queries[i] = new TermQuery(first);
            } else if (kind < 7) {
                queries[i] = twoTerms(first, term(random), BooleanClause.Occur.SHOULD);
            } else if (kind < 9) {
                queries[i] = twoTerms(first, term(random), BooleanClause.Occur.MUST);
            } else {
                queries[i] = new PhraseQuery(SyntheticIndex.BODY, first.text(), term(random).text());
            }
        }
        return queries;
    }

    private static Term term(SplittableRandom random) {
        int rank;
        do {
            rank = SyntheticIndex.WORDS.sample(random);
        } while (rank < STOP_WORDS);
        return new Term(SyntheticIndex.BODY, ZipfWords.word(rank));
    }

    private static Query twoTerms(Term first, Term second, BooleanClause.Occur occur) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(first), occur)
                .add(new TermQuery(second), occur)
                .build();
    }
}
