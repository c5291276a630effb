package nl.clanq.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.mapper.pojo.bridge.ValueBridge;
import org.hibernate.search.mapper.pojo.bridge.binding.ValueBindingContext;
import org.hibernate.search.mapper.pojo.bridge.mapping.programmatic.ValueBinder;
import org.hibernate.search.mapper.pojo.bridge.runtime.ValueBridgeToIndexedValueContext;

/**
 * The topic's text as the snippets need it: stored, and indexed in Dutch with the offsets of its
 * words in the postings, so {@link Snippets} reads only where the query's words are instead of the
 * term vectors of the whole topic (whose cost grew with the topic). Not searched and not scored:
 * {@link TopicDocument#ALL} is. Hibernate Search offers no field with offsets in its postings,
 * hence a native Lucene field.
 */
public class SnippetTextBinder implements ValueBinder {

    /** An instance of its own: Lucene analyses the field while the document is written. */
    static final Analyzer ANALYZER = SearchAnalysis.dutch(true);

    private static final FieldType TYPE = new FieldType();

    static {
        TYPE.setStored(true);
        TYPE.setTokenized(true);
        TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        TYPE.setOmitNorms(true);
        TYPE.freeze();
    }

    @Override
    public void bind(ValueBindingContext<?> context) {
        context.bridge(
                String.class,
                new Identity(),
                context.typeFactory()
                        .extension(LuceneExtension.get())
                        .asNative(
                                String.class,
                                (path, value, collector) -> collector.accept(new SnippetField(path, value)),
                                IndexableField::stringValue));
    }

    /** Analysed by {@link #ANALYZER} whatever analyzer the index writer would have used. */
    private static final class SnippetField extends Field {

        SnippetField(String name, String value) {
            super(name, value, TYPE);
        }

        @Override
        public TokenStream tokenStream(Analyzer writerAnalyzer, TokenStream reuse) {
            return ANALYZER.tokenStream(name(), stringValue());
        }
    }

    private static final class Identity implements ValueBridge<String, String> {
        @Override
        public String toIndexedValue(String value, ValueBridgeToIndexedValueContext context) {
            return value == null || value.isEmpty() ? null : value;
        }
    }
}
