package nl.clanq.search;

import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.mapper.orm.Search;
import org.springframework.stereotype.Component;

/**
 * The snippet of each found topic: the paragraph of its text that best matches the query, with the
 * query's words (and the compounds that contain them) in {@code <mark>}, escaped, and cut to about
 * {@link #MAX} characters around the first match. Lucene's unified highlighter reads the offsets of
 * the query's words from the postings of {@link TopicDocument#TEXT}, so a snippet costs the same
 * for a topic of 3 posts as for one of 300.
 */
@Component
class Snippets {

    static final int MAX = 220;
    private static final int LEAD = 60;

    private final EntityManagerFactory entityManagerFactory;

    Snippets(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
    }

    /** Per topic id, its snippet as HTML; topics without a match in their text are left out. */
    Map<Long, String> of(List<Long> topicIds, String query) {
        BooleanQuery words = words(query);
        if (topicIds.isEmpty() || words == null) {
            return Map.of();
        }
        IndexReader reader = Search.mapping(entityManagerFactory)
                .scope(TopicDocument.class)
                .extension(LuceneExtension.get())
                .openIndexReader();
        try (reader) {
            IndexSearcher searcher = new IndexSearcher(reader);
            List<ScoreDoc> docs = new ArrayList<>();
            List<Long> found = new ArrayList<>();
            for (long id : topicIds) {
                TopDocs doc = searcher.search(LongPoint.newExactQuery(TopicDocument.ID, id), 1);
                if (doc.scoreDocs.length == 1) {
                    docs.add(doc.scoreDocs[0]);
                    found.add(id);
                }
            }
            UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, SnippetTextBinder.ANALYZER)
                    // Passages are paragraphs (cut around the match below): finding the JDK's
                    // sentence boundaries in a long topic cost more than the rest of the snippet.
                    .withBreakIterator(() -> new CustomSeparatorBreakIterator('\n'))
                    .withFormatter(
                            new DefaultPassageFormatter(TopicSearch.MARK_OPEN, TopicSearch.MARK_CLOSE, "… ", true))
                    .withMaxLength(Integer.MAX_VALUE - 1)
                    .withMaxNoHighlightPassages(0)
                    .withScorer(new LeanPassageScorer())
                    .build();
            String[] snippets = highlighter.highlight(
                    TopicDocument.TEXT,
                    words,
                    new TopDocs(new TotalHits(docs.size(), TotalHits.Relation.EQUAL_TO), docs.toArray(ScoreDoc[]::new)),
                    1);
            Map<Long, String> byTopic = new HashMap<>();
            for (int i = 0; i < snippets.length; i++) {
                if (snippets[i] != null) {
                    byTopic.put(found.get(i), around(snippets[i].strip(), MAX));
                }
            }
            return byTopic;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The query's words as the text was indexed (compounds also as their parts, so "loonstrook"
     * marks "loonstrook", "loon" and "strook"), leaving out words the member excluded ("-export").
     */
    private static BooleanQuery words(String query) {
        StringBuilder wanted = new StringBuilder();
        for (String word : query.split("\\s+")) {
            if (!word.startsWith("-")) {
                wanted.append(Compounds.SYNTAX.matcher(word).replaceAll(" ")).append(' ');
            }
        }
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = SnippetTextBinder.ANALYZER.tokenStream(TopicDocument.TEXT, wanted.toString())) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String term : terms) {
            any.add(new TermQuery(new Term(TopicDocument.TEXT, term)), BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }

    /**
     * Lucene's passage score (BM25 of the passage's words) without the hash table its own scorer
     * builds for every passage, which allocates 32 kB each time: in topics that name their subject
     * in many sentences that was 45 % of a search's CPU. A passage has a handful of matches, so
     * counting them pairwise is cheaper than any table.
     */
    static final class LeanPassageScorer extends PassageScorer {

        @Override
        public float score(Passage passage, int contentLength) {
            int matches = passage.getNumMatches();
            BytesRef[] terms = passage.getMatchTerms();
            int[] inDoc = passage.getMatchTermFreqsInDoc();
            double score = 0;
            for (int i = 0; i < matches; i++) {
                if (seenBefore(terms, i)) {
                    continue;
                }
                int inPassage = 1;
                for (int j = i + 1; j < matches; j++) {
                    if (terms[j].bytesEquals(terms[i])) {
                        inPassage++;
                    }
                }
                score += tf(inPassage, passage.getLength()) * weight(contentLength, inDoc[i]);
            }
            return (float) (score * norm(passage.getStartOffset()));
        }

        private static boolean seenBefore(BytesRef[] terms, int i) {
            for (int j = 0; j < i; j++) {
                if (terms[j].bytesEquals(terms[i])) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * At most about {@code max} characters of a highlighted paragraph, from shortly before its first
     * match, cut between words (so never inside an escaped character or a mark, which hold no
     * spaces), with "…" where text was left out.
     */
    static String around(String html, int max) {
        if (html.length() <= max) {
            return html;
        }
        int mark = Math.max(html.indexOf(TopicSearch.MARK_OPEN), 0);
        int start = 0;
        if (mark > LEAD) {
            int space = html.indexOf(' ', mark - LEAD);
            start = space >= 0 && space < mark ? space + 1 : mark;
        }
        int end = start + max;
        if (end >= html.length()) {
            end = html.length();
        } else {
            int space = html.lastIndexOf(' ', end);
            if (space > start) {
                end = space;
            } else {
                space = html.indexOf(' ', end);
                end = space < 0 ? html.length() : space;
            }
        }
        return (start > 0 ? "…" : "") + html.substring(start, end).strip() + (end < html.length() ? "…" : "");
    }
}
