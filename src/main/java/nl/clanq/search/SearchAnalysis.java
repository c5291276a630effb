package nl.clanq.search;

import org.apache.lucene.analysis.snowball.SnowballPorterFilterFactory;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;
import org.hibernate.search.backend.lucene.analysis.model.dsl.LuceneAnalysisOptionalComponentsStep;

/**
 * The analyzers of the index. "dutch": words split, lower case, accents folded (é → e), common HR
 * compounds split ("verlofregistratie" also yields "verlof" and "registratie"), Dutch stop words
 * dropped, Dutch Snowball stems with a few HR overrides ("salarissen" → "salaris"), remembered
 * per thread while indexing, as are the parts of compounds ({@link CachedSnowballStemFilterFactory},
 * {@link CachedCompoundWordFilterFactory}). "dutch_query":
 * the same for queries, without splitting compounds ({@link Compounds}). "english": the
 * same for English text. "name": lower case and accents folded, no stemming, for names and places.
 */
public class SearchAnalysis implements LuceneAnalysisConfigurer {

    @Override
    public void configure(LuceneAnalysisConfigurationContext context) {
        dutch(context, "dutch", true);
        // For queries: the same without splitting compounds. A compound in a query matches the
        // compound, or all of its parts together (Compounds), never any one part on its own.
        dutch(context, "dutch_query", false);
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

    private static void dutch(LuceneAnalysisConfigurationContext context, String name, boolean splitCompounds) {
        LuceneAnalysisOptionalComponentsStep analyzer = context.analyzer(name)
                .custom()
                .tokenizer("standard")
                .tokenFilter("lowercase")
                .tokenFilter("asciiFolding");
        if (splitCompounds) {
            // Lucene's dictionaryCompoundWord (onlyLongestMatch=false), remembering recent words.
            analyzer = analyzer.tokenFilter(CachedCompoundWordFilterFactory.class)
                    .param("dictionary", "search/hr-compounds.txt");
        }
        analyzer.tokenFilter("stop")
                .param("words", "org/apache/lucene/analysis/snowball/dutch_stop.txt")
                .param("format", "snowball")
                .param("ignoreCase", "true")
                .tokenFilter("stemmerOverride")
                .param("dictionary", "search/dutch-stems.txt")
                .param("ignoreCase", "true")
                // Indexing stems whole conversations, so it remembers the stems of recent words;
                // a query's few words go to Snowball directly (the same stems either way).
                .tokenFilter(splitCompounds ? CachedSnowballStemFilterFactory.class : SnowballPorterFilterFactory.class)
                .param("language", "Dutch");
    }
}
