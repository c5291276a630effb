package nl.clanq.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenFilterFactory;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.tartarus.snowball.SnowballStemmer;

/**
 * Lucene's Snowball stemming ({@code snowballPorter}), with the stems of the most recent words
 * remembered. The same words come back all through a conversation, and a topic is indexed whole
 * (title, text, and the text again for matching), so Snowball's Dutch stemmer was, after the
 * splitting of compounds ({@link CachedCompoundWordFilterFactory}), the largest part of the search
 * index writer's CPU while members reply (issue #10, docs/bench/findings.md). The stems are
 * exactly Snowball's, so an index written without the cache stays valid.
 *
 * <p>Each analyzer keeps its filters per thread, so each cache belongs to one thread; it is
 * emptied when it holds {@link #MAX_WORDS} words, which bounds it to about a megabyte. Words marked
 * as keywords (the HR overrides before it) pass unchanged, as with Snowball's own filter.
 */
public final class CachedSnowballStemFilterFactory extends TokenFilterFactory {

    /** The name in Lucene's registry of analysis components (not used by Clanq, required by it). */
    public static final String NAME = "cachedSnowballPorter";

    static final int MAX_WORDS = 8192;

    private final String language;

    public CachedSnowballStemFilterFactory(Map<String, String> args) {
        super(args);
        this.language = require(args, "language");
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("Unknown parameters: " + args);
        }
        stemmer(); // fails at start for an unknown language, not at the first document
    }

    /** For Lucene's service loader only. */
    public CachedSnowballStemFilterFactory() {
        throw defaultCtorException();
    }

    private SnowballStemmer stemmer() {
        try {
            return Class.forName("org.tartarus.snowball.ext." + language + "Stemmer")
                    .asSubclass(SnowballStemmer.class)
                    .getConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("No Snowball stemmer for the language " + language, e);
        }
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new CachedStemFilter(input, stemmer());
    }

    private static final class CachedStemFilter extends TokenFilter {

        private final SnowballStemmer stemmer;
        private final CharArrayMap<char[]> stems = new CharArrayMap<>(256, false);
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

        CachedStemFilter(TokenStream input, SnowballStemmer stemmer) {
            super(input);
            this.stemmer = stemmer;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            if (keyword.isKeyword()) {
                return true;
            }
            char[] buffer = term.buffer();
            int length = term.length();
            char[] stem = stems.get(buffer, 0, length);
            if (stem == null) {
                char[] word = Arrays.copyOf(buffer, length); // the stemmer works in the buffer it gets
                stemmer.setCurrent(buffer, length);
                stemmer.stem();
                stem = Arrays.copyOf(stemmer.getCurrentBuffer(), stemmer.getCurrentBufferLength());
                if (stems.size() >= MAX_WORDS) {
                    stems.clear();
                }
                stems.put(word, stem);
            }
            term.copyBuffer(stem, 0, stem.length);
            return true;
        }
    }
}
