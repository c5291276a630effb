package nl.clanq.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenFilterFactory;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.compound.CompoundWordTokenFilterBase;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.ResourceLoader;
import org.apache.lucene.util.ResourceLoaderAware;

/**
 * Lucene's {@code dictionaryCompoundWord} filter with {@code onlyLongestMatch=false}: after each
 * word of at least five letters, every dictionary word found inside it, at the same position and
 * with the same offsets ("verlofregistratie" also yields "verlof" and "registratie"). Lucene's
 * filter looks up every substring of two to fifteen letters of every word, which made it the
 * largest part of the search index writer's CPU (issue #10, docs/bench/findings.md); this one
 * remembers the parts found in recent words. The tokens are exactly Lucene's, so an index written
 * without the cache stays valid.
 *
 * <p>Each analyzer keeps its filters per thread, so each cache belongs to one thread; it is
 * emptied when it holds {@link #MAX_WORDS} words.
 */
public final class CachedCompoundWordFilterFactory extends TokenFilterFactory implements ResourceLoaderAware {

    /** The name in Lucene's registry of analysis components (not used by Clanq, required by it). */
    public static final String NAME = "cachedDictionaryCompoundWord";

    static final int MAX_WORDS = 8192;

    /** Lucene's defaults, as its own filter uses them. */
    private static final int MIN_WORD_SIZE = CompoundWordTokenFilterBase.DEFAULT_MIN_WORD_SIZE;

    private static final int MIN_SUBWORD_SIZE = CompoundWordTokenFilterBase.DEFAULT_MIN_SUBWORD_SIZE;
    private static final int MAX_SUBWORD_SIZE = CompoundWordTokenFilterBase.DEFAULT_MAX_SUBWORD_SIZE;

    private static final char[][] NONE = new char[0][];

    private final String dictionaryFile;
    private CharArraySet dictionary;

    public CachedCompoundWordFilterFactory(Map<String, String> args) {
        super(args);
        this.dictionaryFile = require(args, "dictionary");
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("Unknown parameters: " + args);
        }
    }

    /** For Lucene's service loader only. */
    public CachedCompoundWordFilterFactory() {
        throw defaultCtorException();
    }

    @Override
    public void inform(ResourceLoader loader) throws IOException {
        dictionary = getWordSet(loader, dictionaryFile, false);
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new CachedCompoundWordFilter(input, dictionary);
    }

    private static final class CachedCompoundWordFilter extends TokenFilter {

        private final CharArraySet dictionary;
        private final CharArrayMap<char[][]> parts = new CharArrayMap<>(256, false);
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);

        /** The parts of the current word still to emit, and the word's other attributes. */
        private char[][] pending = NONE;

        private int next;
        private State word;

        CachedCompoundWordFilter(TokenStream input, CharArraySet dictionary) {
            super(input);
            this.dictionary = dictionary;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (next < pending.length) {
                restoreState(word);
                char[] part = pending[next++];
                term.copyBuffer(part, 0, part.length);
                position.setPositionIncrement(0);
                return true;
            }
            pending = NONE;
            next = 0;
            word = null;
            if (!input.incrementToken()) {
                return false;
            }
            if (term.length() >= MIN_WORD_SIZE) {
                pending = partsOf(term.buffer(), term.length());
                if (pending.length > 0) {
                    word = captureState();
                }
            }
            return true;
        }

        private char[][] partsOf(char[] buffer, int length) {
            char[][] found = parts.get(buffer, 0, length);
            if (found == null) {
                List<char[]> list = new ArrayList<>();
                for (int i = 0; i <= length - MIN_SUBWORD_SIZE; i++) {
                    for (int j = MIN_SUBWORD_SIZE; j <= MAX_SUBWORD_SIZE && i + j <= length; j++) {
                        if (dictionary.contains(buffer, i, j)) {
                            list.add(Arrays.copyOfRange(buffer, i, i + j));
                        }
                    }
                }
                found = list.isEmpty() ? NONE : list.toArray(char[][]::new);
                if (parts.size() >= MAX_WORDS) {
                    parts.clear();
                }
                parts.put(Arrays.copyOf(buffer, length), found);
            }
            return found;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            pending = NONE;
            next = 0;
            word = null;
        }
    }
}
