package nl.clanq.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilterFactory;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilterFactory;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.util.ClasspathResourceLoader;
import org.junit.jupiter.api.Test;

/**
 * The index splits HR compounds exactly as Lucene's dictionary filter does (the same parts, at the
 * same positions and offsets), so an index written before the cache matches the same words.
 */
class CachedCompoundWordFilterFactoryTests {

    private static final String TEXT =
            """
            De verlofregistratie en de urenregistratie lopen via het salarisdossier. Een
            ziekmelding in de verlofregistratie, het jaaroverzicht en de loonstrook; korte
            woorden als loon, de en uren blijven heel. Verlofregistratie, jaaroverzicht.
            """;

    @Test
    void splitsCompoundsAsLuceneDoes() throws IOException {
        // Twice: the second time every word's parts come from the cache.
        String twice = TEXT + " " + TEXT;

        List<String> tokens = tokens(twice, new CachedCompoundWordFilterFactory(args()));
        assertThat(tokens)
                .isEqualTo(tokens(twice, lucene()))
                .contains("verlof@+0[3,20]<ALPHANUM>", "registratie@+0[3,20]<ALPHANUM>");
    }

    @Test
    void splitsAsLuceneDoesAfterTheCacheIsFullAndEmptied() throws IOException {
        String many = CachedSnowballStemFilterFactoryTests.distinctWords(
                "verlof", CachedCompoundWordFilterFactory.MAX_WORDS + 500);
        String text = many + TEXT + many;

        assertThat(tokens(text, new CachedCompoundWordFilterFactory(args()))).isEqualTo(tokens(text, lucene()));
    }

    private static Map<String, String> args() {
        return new HashMap<>(Map.of("dictionary", "search/hr-compounds.txt"));
    }

    private static TokenFilterFactory lucene() {
        Map<String, String> args = args();
        args.put("onlyLongestMatch", "false");
        return new DictionaryCompoundWordTokenFilterFactory(args);
    }

    /** Each token as term@+increment[start,end]type. */
    private static List<String> tokens(String text, TokenFilterFactory factory) throws IOException {
        ((org.apache.lucene.util.ResourceLoaderAware) factory)
                .inform(new ClasspathResourceLoader(CachedCompoundWordFilterFactoryTests.class.getClassLoader()));
        StandardTokenizer tokenizer = new StandardTokenizer();
        tokenizer.setReader(new StringReader(text));
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = factory.create(new LowerCaseFilter(tokenizer))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term + "@+" + increment.getPositionIncrement() + "[" + offset.startOffset() + ","
                        + offset.endOffset() + "]" + type.type());
            }
            stream.end();
        }
        return tokens;
    }
}
