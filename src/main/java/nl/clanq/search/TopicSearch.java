package nl.clanq.search;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.clanq.forums.Posting;
import nl.clanq.forums.Reader;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.engine.search.highlighter.dsl.HighlighterEncoder;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.mapper.orm.Search;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queries the index for what the reader may see (S9): the forums they may read at this moment (a
 * filter inside the query, so totals and pages are right), and the profiles of their own vendor
 * communities. Staff see every topic and every member.
 */
@Service
@Transactional(readOnly = true)
public class TopicSearch {

    public static final int PAGE_SIZE = 20;
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final String MARK_OPEN = "<mark>";
    static final String MARK_CLOSE = "</mark>";

    @PersistenceContext
    private EntityManager entityManager;

    private final java.time.Clock clock;

    TopicSearch(java.time.Clock clock) {
        this.clock = clock;
    }

    public enum Sort {
        RELEVANCE,
        NEWEST
    }

    public enum Solved {
        ANY,
        SOLVED,
        UNSOLVED
    }

    /**
     * What the member asked for; nulls mean "any". Dutch word forms always match ("salarissen"
     * finds "salaris"); with {@code english}, for a member who uses Clanq in English, English word
     * forms match as well ("exporting" finds "exported").
     */
    public record Query(
            String text,
            Long vendorId,
            Long forumId,
            Solved solved,
            Long authorId,
            LocalDate from,
            LocalDate to,
            Sort sort,
            int page,
            boolean english) {

        public static Query of(String text, boolean english) {
            return new Query(text, null, null, Solved.ANY, null, null, null, Sort.RELEVANCE, 1, english);
        }
    }

    /**
     * One found topic. {@code snippet} is HTML: the indexed text escaped, with only {@code <mark>}
     * around the matches.
     */
    public record Hit(
            long topicId,
            String title,
            String titleHtml,
            String snippetHtml,
            long forumId,
            long authorId,
            String authorName,
            Instant lastPostAt,
            int replyCount,
            boolean solved) {}

    public record Page(List<Hit> hits, long total, int page, int pages) {}

    public record MemberHit(long userId, String name, String organisation, String jobTitle, String city) {}

    /** A page of found topics, each with its snippet. */
    public Page topics(Reader reader, Query q) {
        String text = searchable(reader, q);
        if (text.isEmpty()) {
            return new Page(List.of(), 0, 1, 1);
        }
        int page = Math.max(q.page(), 1);
        SearchResult<List<?>> result = find(reader, q, text, (page - 1) * PAGE_SIZE, PAGE_SIZE, true);
        List<Hit> hits = new ArrayList<>();
        for (List<?> row : result.hits()) {
            hits.add(hit(row));
        }
        long total = result.total().hitCount();
        int pages = Math.max(1, (int) ((total + PAGE_SIZE - 1) / PAGE_SIZE));
        return new Page(hits, total, page, pages);
    }

    /**
     * The best {@code limit} topics for the dropdown under the header box, which shows their titles
     * only: no snippets (highlighting the text is the costliest part of a search).
     */
    public List<Hit> suggestions(Reader reader, Query q, int limit) {
        String text = searchable(reader, q);
        if (text.isEmpty()) {
            return List.of();
        }
        return find(reader, q, text, 0, limit, false).hits().stream()
                .map(TopicSearch::hit)
                .toList();
    }

    /** The query's text, or "" when there is nothing to search for or nothing the reader may read. */
    private static String searchable(Reader reader, Query q) {
        String text = q.text() == null ? "" : q.text().strip();
        return !reader.staff() && reader.readableForumIds().isEmpty() ? "" : text;
    }

    private SearchResult<List<?>> find(Reader reader, Query q, String text, int offset, int limit, boolean snippets) {
        return Search.session(entityManager)
                .search(TopicDocument.class)
                .select(f -> f.composite(
                        f.id(Long.class),
                        f.field(TopicDocument.TITLE, String.class),
                        f.highlight(TopicDocument.TITLE).highlighter("title"),
                        snippets ? f.highlight(TopicDocument.TEXT) : f.constant(List.<String>of()),
                        f.field(TopicDocument.QUESTION, String.class),
                        f.field("forumId", Long.class),
                        f.field("authorId", Long.class),
                        f.field("authorName", String.class),
                        f.field("lastPostAt", Instant.class),
                        f.field("replyCount", Integer.class),
                        f.field("solved", Boolean.class)))
                .where((f, root) -> {
                    String words = Compounds.expand(text);
                    // Every word somewhere in title or text: one posting list per word to walk.
                    var all = f.simpleQueryString().field(TopicDocument.ALL);
                    if (q.english()) {
                        all = all.field(TopicDocument.ALL_EN);
                    }
                    var ranked = f.bool()
                            .must(all.matching(words)
                                    .defaultOperator(BooleanOperator.AND)
                                    .constantScore())
                            // Ranked by the words in the title (weighing most) and the text, which
                            // are scored for the matches only; the snippet highlights these.
                            .should(f.simpleQueryString()
                                    .field(TopicDocument.TITLE)
                                    .boost(3f)
                                    .matching(words))
                            .should(f.simpleQueryString()
                                    .field(TopicDocument.TEXT)
                                    .matching(words));
                    if (q.english()) {
                        ranked = ranked.should(f.simpleQueryString()
                                .field(TopicDocument.TITLE_EN)
                                .boost(2f)
                                .matching(words));
                    }
                    root.add(ranked);
                    root.add(access(f, reader));
                    if (q.vendorId() != null) {
                        root.add(f.match().field("vendorId").matching(q.vendorId()));
                    }
                    if (q.forumId() != null) {
                        root.add(f.match().field("forumId").matching(q.forumId()));
                    }
                    if (q.solved() == Solved.SOLVED) {
                        root.add(f.match().field("solved").matching(true));
                    } else if (q.solved() == Solved.UNSOLVED) {
                        root.add(f.match().field("solved").matching(false));
                    }
                    if (q.authorId() != null) {
                        root.add(f.match().field("authorId").matching(q.authorId()));
                    }
                    if (q.from() != null || q.to() != null) {
                        Instant from = q.from() == null
                                ? Instant.EPOCH
                                : q.from().atStartOfDay(ZONE).toInstant();
                        Instant to = q.to() == null
                                ? Instant.parse("9999-12-31T00:00:00Z")
                                : q.to().plusDays(1).atStartOfDay(ZONE).toInstant();
                        root.add(f.range().field("lastPostAt").between(from, to));
                    }
                })
                .highlighter(h -> h.fastVector()
                        .encoder(HighlighterEncoder.HTML)
                        .tag(MARK_OPEN, MARK_CLOSE)
                        .fragmentSize(180)
                        .numberOfFragments(1))
                .highlighter("title", h -> h.fastVector()
                        .encoder(HighlighterEncoder.HTML)
                        .tag(MARK_OPEN, MARK_CLOSE)
                        .fragmentSize(Posting.TITLE_MAX + 10)
                        .numberOfFragments(1))
                .sort(f -> q.sort() == Sort.NEWEST
                        ? f.field("lastPostAt").desc()
                        : f.score().then().field("lastPostAt").desc())
                .fetch(offset, limit);
    }

    @SuppressWarnings("unchecked")
    private static Hit hit(List<?> row) {
        String title = (String) row.get(1);
        List<String> titleMarks = (List<String>) row.get(2);
        List<String> textMarks = (List<String>) row.get(3);
        String snippet;
        if (!textMarks.isEmpty()) {
            snippet = textMarks.getFirst();
        } else {
            String question = (String) row.get(4);
            snippet = question == null ? "" : escape(abbreviate(question, 200));
        }
        return new Hit(
                (Long) row.get(0),
                title,
                titleMarks.isEmpty() ? escape(title) : titleMarks.getFirst(),
                snippet,
                (Long) row.get(5),
                (Long) row.get(6),
                (String) row.get(7),
                (Instant) row.get(8),
                (Integer) row.get(9),
                (Boolean) row.get(10));
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max).strip() + "…";
    }

    static String escape(String s) {
        return org.springframework.web.util.HtmlUtils.htmlEscape(s, "UTF-8");
    }

    /** S9: only listed topics in forums the reader may read now; staff read everything. */
    private static PredicateFinalStep access(SearchPredicateFactory f, Reader reader) {
        PredicateFinalStep listed = f.match().field("listed").matching(true);
        return reader.staff()
                ? listed
                : f.and(listed, f.terms().field("forumId").matchingAny(reader.readableForumIds()));
    }

    /**
     * Up to {@code limit} questions like the one being typed, from forums the reader may read: any
     * of the words of the title and the first lines of the body, the more the better.
     */
    public List<Hit> similar(Reader reader, String title, String body, int limit) {
        String words = (title == null ? "" : title) + " " + firstLines(body);
        String text = words.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        if (text.length() < 5 || (!reader.staff() && reader.readableForumIds().isEmpty())) {
            return List.of();
        }
        return Search.session(entityManager)
                .search(TopicDocument.class)
                .select(f -> f.composite(
                        f.id(Long.class),
                        f.field(TopicDocument.TITLE, String.class),
                        f.field("forumId", Long.class),
                        f.field("authorId", Long.class),
                        f.field("authorName", String.class),
                        f.field("lastPostAt", Instant.class),
                        f.field("replyCount", Integer.class),
                        f.field("solved", Boolean.class)))
                .where((f, root) -> {
                    root.add(f.simpleQueryString()
                            .field(TopicDocument.TITLE)
                            .boost(2f)
                            .fields(TopicDocument.QUESTION, TopicDocument.TITLE_EN)
                            .matching(text)
                            .defaultOperator(BooleanOperator.OR));
                    root.add(access(f, reader));
                })
                .fetchHits(limit)
                .stream()
                .map(row -> new Hit(
                        (Long) row.get(0),
                        (String) row.get(1),
                        escape((String) row.get(1)),
                        "",
                        (Long) row.get(2),
                        (Long) row.get(3),
                        (String) row.get(4),
                        (Instant) row.get(5),
                        (Integer) row.get(6),
                        (Boolean) row.get(7)))
                .toList();
    }

    private static String firstLines(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = PlainText.text(body);
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    /** C8, S9: members of the reader's vendor communities (staff: everyone), best matches first. */
    public List<MemberHit> members(Reader reader, String query, int limit) {
        String text = query == null ? "" : query.strip();
        Set<Long> vendors = reader.vendorIds();
        if (text.isEmpty() || (!reader.staff() && vendors.isEmpty())) {
            return List.of();
        }
        return Search.session(entityManager)
                .search(MemberDocument.class)
                .select(f -> f.composite(
                        f.id(Long.class),
                        f.field("name", String.class),
                        f.field("organisation", String.class),
                        f.field("jobTitle", String.class),
                        f.field("city", String.class)))
                .where((f, root) -> {
                    root.add(f.simpleQueryString()
                            .field("name")
                            .boost(3f)
                            .field("organisation")
                            .boost(2f)
                            .fields("jobTitle", "city", "specialisms")
                            .matching(prefixed(text))
                            .defaultOperator(BooleanOperator.AND));
                    root.add(f.match().field("listed").matching(true));
                    if (!reader.staff()) {
                        root.add(f.terms().field("vendorIds").matchingAny(vendors));
                        // C10: blocked members are not offered to members (their content stays).
                        root.add(f.or(
                                f.not(f.exists().field("blockedUntil")),
                                f.range().field("blockedUntil").atMost(LocalDate.now(clock.withZone(ZONE)))));
                    }
                })
                .fetchHits(limit)
                .stream()
                .map(row -> new MemberHit(
                        (Long) row.get(0),
                        (String) row.get(1),
                        row.get(2) == null ? "" : (String) row.get(2),
                        row.get(3) == null ? "" : (String) row.get(3),
                        row.get(4) == null ? "" : (String) row.get(4)))
                .toList();
    }

    /**
     * While typing, the last word matches as typed (analysed: "salarissen" finds "salaris") or as
     * the start of a word ("jans" finds "Jansen").
     */
    public static String prefixed(String text) {
        String cleaned = Compounds.SYNTAX.matcher(text).replaceAll(" ").strip();
        if (cleaned.isEmpty()) {
            return cleaned;
        }
        int space = cleaned.lastIndexOf(' ');
        String last = cleaned.substring(space + 1);
        String before = space < 0 ? "" : cleaned.substring(0, space) + " ";
        return before + "(" + last + " | " + last + "*)";
    }
}
