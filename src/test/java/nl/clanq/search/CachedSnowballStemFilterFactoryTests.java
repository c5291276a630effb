package nl.clanq.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.snowball.SnowballPorterFilterFactory;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.ClasspathResourceLoader;
import org.junit.jupiter.api.Test;

/**
 * The index's Dutch stems are Snowball's, cache or not: an index written before the cache (or by
 * another node) matches the same words, and a query, stemmed without the cache, finds them.
 */
class CachedSnowballStemFilterFactoryTests {

    private static final String TEXT =
            """
            De salarisadministratie verwerkt de loonstroken van alle medewerkers. Medewerkers met
            ouderschapsverlof krijgen een aangepaste loonstrook; de verwerking van verlofaanvragen
            en ziekmeldingen loopt via de workflow. Registraties, registratie, geregistreerd:
            verwerkt, verwerken, verwerking. Loonstroken, loonstrook, loonstroken.
            """;

    @Test
    void stemsEveryWordAsSnowballDoes() throws IOException {
        // Twice: the second time every stem comes from the cache.
        String twice = TEXT + " " + TEXT;

        assertThat(tokens(twice, cached()))
                .isEqualTo(tokens(twice, snowball()))
                .isNotEqualTo(tokens(twice, unstemmed -> unstemmed));
    }

    @Test
    void stemsAsSnowballDoesAfterTheCacheIsFullAndEmptied() throws IOException {
        String many = distinctWords("verwerkingen", CachedSnowballStemFilterFactory.MAX_WORDS + 500);
        String text = many + TEXT + many;

        assertThat(tokens(text, cached())).isEqualTo(tokens(text, snowball()));
    }

    @Test
    void leavesKeywordsAlone() throws IOException {
        Function<TokenStream, TokenStream> marked = stream ->
                cached().apply(new SetKeywordMarkerFilter(stream, new CharArraySet(List.of("loonstroken"), false)));

        assertThat(tokens("loonstroken verwerkingen", marked))
                .containsExactly(
                        "loonstroken", tokens("verwerkingen", snowball()).getFirst())
                .doesNotContain("verwerkingen");
    }

    @Test
    void refusesALanguageSnowballDoesNotKnow() {
        Map<String, String> args = new HashMap<>(Map.of("language", "Klingon"));

        assertThatThrownBy(() -> new CachedSnowballStemFilterFactory(args))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Klingon");
    }

    private static Function<TokenStream, TokenStream> cached() {
        CachedSnowballStemFilterFactory factory =
                new CachedSnowballStemFilterFactory(new HashMap<>(Map.of("language", "Dutch")));
        return factory::create;
    }

    private static Function<TokenStream, TokenStream> snowball() {
        SnowballPorterFilterFactory factory =
                new SnowballPorterFilterFactory(new HashMap<>(Map.of("language", "Dutch")));
        try {
            factory.inform(new ClasspathResourceLoader(CachedSnowballStemFilterFactoryTests.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return factory::create;
    }

    private static List<String> tokens(String text, Function<TokenStream, TokenStream> stemming) throws IOException {
        StandardTokenizer tokenizer = new StandardTokenizer();
        tokenizer.setReader(new StringReader(text));
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = stemming.apply(new LowerCaseFilter(tokenizer))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        }
        return tokens;
    }

    /** {@code count} different words that start with {@code start}, to fill a cache past its size. */
    static String distinctWords(String start, int count) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < count; i++) {
            words.append(start)
                    .append(Integer.toString(i, 26).replaceAll("[0-9]", "x"))
                    .append(' ');
        }
        return words.toString();
    }
}
