package nl.clanq.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.util.ClasspathResourceLoader;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * The analyzers of the index. "dutch": words split, lower case, accents folded (é → e), common HR
 * compounds split ("verlofregistratie" also yields "verlof" and "registratie"), Dutch stop words
 * dropped, Dutch Snowball stems with a few HR overrides ("salarissen" → "salaris"). "dutch_query":
 * the same for queries, without splitting compounds ({@link Compounds}). "english": the
 * same for English text. "name": lower case and accents folded, no stemming, for names and places.
 */
public class SearchAnalysis implements LuceneAnalysisConfigurer {

    @Override
    public void configure(LuceneAnalysisConfigurationContext context) {
        context.analyzer("dutch").instance(dutch(true));
        // For queries: the same without splitting compounds. A compound in a query matches the
        // compound, or all of its parts together (Compounds), never any one part on its own.
        context.analyzer("dutch_query").instance(dutch(false));
        context.analyzer("english")
                .custom()
                .tokenizer("standard")
                .tokenFilter("lowercase")
                .tokenFilter("asciiFolding")
                .tokenFilter("stop")
                .tokenFilter("porterStem");
        context.analyzer("name")
                .custom()
                .tokenizer("standard")
                .tokenFilter("lowercase")
                .tokenFilter("asciiFolding");
    }

    /**
     * A new instance of the Dutch analysis: for the index (through Hibernate Search) and for the
     * snippet text, which Lucene analyses with an instance of its own ({@link SnippetTextBinder}).
     */
    static Analyzer dutch(boolean splitCompounds) {
        try {
            CustomAnalyzer.Builder analyzer = CustomAnalyzer.builder(
                            new ClasspathResourceLoader(SearchAnalysis.class.getClassLoader()))
                    .withTokenizer("standard")
                    .addTokenFilter("lowercase")
                    .addTokenFilter("asciiFolding");
            if (splitCompounds) {
                analyzer.addTokenFilter(
                        "dictionaryCompoundWord", "dictionary", "search/hr-compounds.txt", "onlyLongestMatch", "false");
            }
            return analyzer.addTokenFilter(
                            "stop",
                            "words",
                            "org/apache/lucene/analysis/snowball/dutch_stop.txt",
                            "format",
                            "snowball",
                            "ignoreCase",
                            "true")
                    .addTokenFilter("stemmerOverride", "dictionary", "search/dutch-stems.txt", "ignoreCase", "true")
                    .addTokenFilter("snowballPorter", "language", "Dutch")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
