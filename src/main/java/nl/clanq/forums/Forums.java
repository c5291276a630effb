package nl.clanq.forums;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.clanq.forums.ForumViews.Community;
import nl.clanq.forums.ForumViews.ForumEntry;
import nl.clanq.forums.ForumViews.PostView;
import nl.clanq.forums.ForumViews.Revision;
import nl.clanq.forums.ForumViews.TopicList;
import nl.clanq.forums.ForumViews.TopicNote;
import nl.clanq.forums.ForumViews.TopicRow;
import nl.clanq.forums.ForumViews.TopicView;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read side of the forums. Every method takes the {@link Reader} and answers only what they
 * may see; anything else is {@link NotFoundException} (S9). Each page costs a fixed number of
 * queries, whatever the number of topics or posts on it.
 */
@Service
@Transactional(readOnly = true)
public class Forums {

    public static final int TOPICS_PER_PAGE = 30;
    public static final int POSTS_PER_PAGE = 20;

    /** The columns of a {@link ForumRef}, from {@code forum f join vendor v}. */
    private static final String FORUM_COLUMNS =
            """
            f.id, f.vendor_id, v.slug as vendor_slug, v.name as vendor_name, f.module_id, f.kind, f.name, f.slug,
                   f.description, f.status, f.topic_count, f.post_count, f.last_post_at, f.merged_into, f.position""";

    static final String FORUM = "select " + FORUM_COLUMNS + " from forum f join vendor v on v.id = f.vendor_id";

    private final JdbcClient jdbc;

    Forums(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The forum index: per community of the reader, its forums, readable or locked, with unread counts. */
    public List<Community> index(Reader reader) {
        return communities(reader, unreadTopicsPerForum(reader));
    }

    /**
     * The reader's communities and their forums, readable or locked, without unread counts (0): for
     * pickers such as the search filters, which do not need the counting.
     */
    public List<Community> communities(Reader reader) {
        return communities(reader, Map.of());
    }

    private List<Community> communities(Reader reader, Map<Long, Integer> unread) {
        List<ForumRef> forums = reader.staff()
                ? jdbc.sql(FORUM + " where v.active order by lower(v.name), f.kind desc, f.position, lower(f.name)")
                        .query(Rows.of(ForumRef.class))
                        .list()
                : jdbc.sql(
                                FORUM
                                        + " where f.vendor_id = any(?) order by lower(v.name), f.kind desc, f.position, lower(f.name)")
                        .param(reader.vendorIds().toArray(Long[]::new))
                        .query(Rows.of(ForumRef.class))
                        .list();
        Map<Long, Community> communities = new LinkedHashMap<>();
        for (ForumRef f : forums) {
            if (f.mergedInto() != null) {
                continue; // its topics live in the successor's forum now (C14)
            }
            communities
                    .computeIfAbsent(f.vendorId(), id -> new Community(id, f.vendorName(), new ArrayList<>()))
                    .forums()
                    .add(new ForumEntry(f, reader.mayRead(f), unread.getOrDefault(f.id(), 0)));
        }
        return List.copyOf(communities.values());
    }

    /** Per forum the reader may read: topics active in the last 60 days that they have not read to the end. */
    private Map<Long, Integer> unreadTopicsPerForum(Reader reader) {
        Map<Long, Integer> unread = new LinkedHashMap<>();
        jdbc.sql(
                        """
                        select t.forum_id, count(*) from topic t
                        left join topic_read r on r.topic_id = t.id and r.user_id = :reader
                        where (r.topic_id is null or r.last_position < t.reply_count)
                          and t.last_post_at > now() - interval '60 days' and t.merged_into is null and t.deleted_at is null"""
                                + (reader.staff() ? "" : " and t.forum_id = any(:forums)")
                                + " group by t.forum_id")
                .param("reader", reader.userId())
                .param("forums", reader.readableForumIds().toArray(Long[]::new))
                .query((rs, n) -> unread.put(rs.getLong(1), rs.getInt(2)))
                .list();
        return unread;
    }

    /**
     * C14: where an old forum address leads now: a renamed forum's new address, or the forum a
     * retired module's forum was merged into.
     */
    public Optional<ForumRef> movedTo(String vendorSlug, String forumSlug) {
        Optional<ForumRef> renamed = jdbc.sql(
                        FORUM + " join forum_redirect r on r.forum_id = f.id where v.slug = ? and r.old_slug = ?")
                .params(vendorSlug, forumSlug)
                .query(Rows.of(ForumRef.class))
                .optional();
        if (renamed.isPresent()) {
            return renamed;
        }
        return jdbc.sql(FORUM
                        + " where f.id = (select f2.merged_into from forum f2 join vendor v2 on v2.id = f2.vendor_id"
                        + " where v2.slug = ? and f2.slug = ?)")
                .params(vendorSlug, forumSlug)
                .query(Rows.of(ForumRef.class))
                .optional();
    }

    /** A forum the reader may know of (it may still be locked for them). */
    public ForumRef forum(Reader reader, String vendorSlug, String forumSlug) {
        ForumRef f = jdbc.sql(FORUM + " where v.slug = ? and f.slug = ?")
                .params(vendorSlug, forumSlug)
                .query(Rows.of(ForumRef.class))
                .optional()
                .orElseThrow(NotFoundException::new);
        if (!reader.mayKnow(f)) {
            throw new NotFoundException();
        }
        return f;
    }

    public Optional<ForumRef> forumById(long id) {
        return jdbc.sql(FORUM + " where f.id = ?")
                .param(id)
                .query(Rows.of(ForumRef.class))
                .optional();
    }

    public enum Filter {
        ALL,
        UNSOLVED,
        SOLVED,
        MINE
    }

    private static final String TOPIC_ROW =
            """
            select t.id, t.title, t.author_id, a.first_name || ' ' || a.last_name as author_name, t.created_at,
                   t.last_post_at, l.first_name || ' ' || l.last_name as last_poster_name, t.reply_count, t.view_count,
                   t.accepted_post_id is not null as solved, t.pinned, t.closed, r.last_position as last_read_position,
                   f.name as forum_name, '/forums/' || v.slug || '/' || f.slug as forum_path
            from topic t
            join forum f on f.id = t.forum_id
            join vendor v on v.id = f.vendor_id
            join app_user a on a.id = t.author_id
            join app_user l on l.id = t.last_poster_id
            left join topic_read r on r.topic_id = t.id and r.user_id = :reader""";

    /** The topics of a readable forum by latest activity, pinned first (C7). */
    public TopicList topics(Reader reader, ForumRef forum, Filter filter, int page) {
        if (!reader.mayRead(forum)) {
            throw new NotFoundException();
        }
        String where =
                " where t.forum_id = :forum and t.merged_into is null and t.deleted_at is null" + filterSql(filter);
        // All topics: the forum's own counter (kept by Posting and ForumCounts with the same rule)
        // instead of counting thousands of rows on every view.
        long total = filter == Filter.ALL
                ? forum.topicCount()
                : jdbc.sql("select count(*) from topic t" + where)
                        .param("forum", forum.id())
                        .param("reader", reader.userId())
                        .query(Long.class)
                        .single();
        int pages = Math.max(1, (int) ((total + TOPICS_PER_PAGE - 1) / TOPICS_PER_PAGE));
        int p = Math.min(Math.max(page, 1), pages);
        List<TopicRow> rows = jdbc.sql(TOPIC_ROW + where
                        + " order by t.pinned desc, t.last_post_at desc, t.id desc limit :limit offset :offset")
                .param("forum", forum.id())
                .param("reader", reader.userId())
                .param("limit", TOPICS_PER_PAGE)
                .param("offset", (p - 1) * TOPICS_PER_PAGE)
                .query(Rows.of(TopicRow.class))
                .list();
        return new TopicList(rows, p, pages, total);
    }

    private static String filterSql(Filter filter) {
        return switch (filter) {
            case ALL -> "";
            case UNSOLVED -> " and t.accepted_post_id is null";
            case SOLVED -> " and t.accepted_post_id is not null";
            case MINE ->
                " and (t.author_id = :reader or exists (select 1 from post p where p.topic_id = t.id"
                        + " and p.author_id = :reader))";
        };
    }

    /** The latest topics across every forum the reader may read. */
    public TopicList latest(Reader reader, int page) {
        String where = reader.staff()
                ? " where t.merged_into is null and t.deleted_at is null"
                : " where t.forum_id = any(:forums) and t.merged_into is null and t.deleted_at is null";
        Long[] forums = reader.readableForumIds().toArray(Long[]::new);
        long total = jdbc.sql("select count(*) from topic t" + where)
                .param("forums", forums)
                .query(Long.class)
                .single();
        int pages = Math.max(1, (int) ((total + TOPICS_PER_PAGE - 1) / TOPICS_PER_PAGE));
        int p = Math.min(Math.max(page, 1), pages);
        List<TopicRow> rows = jdbc.sql(
                        TOPIC_ROW + where + " order by t.last_post_at desc, t.id desc limit :limit offset :offset")
                .param("forums", forums)
                .param("reader", reader.userId())
                .param("limit", TOPICS_PER_PAGE)
                .param("offset", (p - 1) * TOPICS_PER_PAGE)
                .query(Rows.of(TopicRow.class))
                .list();
        return new TopicList(rows, p, pages, total);
    }

    /** A member's latest topics in forums the reader may read (for their profile). */
    public List<TopicRow> recentTopicsBy(Reader reader, long authorId, int limit) {
        String where = reader.staff()
                ? " where t.author_id = :author and t.merged_into is null and t.deleted_at is null"
                : " where t.author_id = :author and t.forum_id = any(:forums) and t.merged_into is null and t.deleted_at is null";
        return jdbc.sql(TOPIC_ROW + where + " order by t.created_at desc, t.id desc limit :limit")
                .param("author", authorId)
                .param("forums", reader.readableForumIds().toArray(Long[]::new))
                .param("reader", reader.userId())
                .param("limit", limit)
                .query(Rows.of(TopicRow.class))
                .list();
    }

    /**
     * A topic the reader may read: one in a forum they hold the licence for, or (C13) their own
     * topic that staff moved into a forum they may not read, as long as they still belong to that
     * vendor's community. A topic merged into another is gone here: see {@link #mergedInto}.
     */
    public TopicView topic(Reader reader, long topicId) {
        return findTopic(reader, topicId).orElseThrow(NotFoundException::new);
    }

    /**
     * {@link #topic}, but empty where that answers 404: for callers that only ask whether the reader
     * may read it now (e.g. before a mail mentions it), inside a transaction that must go on.
     */
    public Optional<TopicView> findTopic(Reader reader, long topicId) {
        // Named apart from the forum's columns of the same row (id, merged_into).
        record Row(
                long topicId,
                String title,
                long authorId,
                int replyCount,
                int viewCount,
                Long acceptedPostId,
                boolean pinned,
                boolean closed,
                Instant createdAt,
                Long topicMergedInto,
                boolean deleted,
                boolean hasNotes) {}
        record Found(Row topic, ForumRef forum) {}
        // The topic, its forum and whether it has a history to show, in one statement: this runs
        // for every topic page (issue #10).
        Found found = jdbc.sql(
                        """
                        select t.id as topic_id, t.title, t.author_id, t.reply_count, t.view_count, t.accepted_post_id,
                               t.pinned, t.closed, t.created_at, t.merged_into as topic_merged_into,
                               t.deleted_at is not null as deleted,
                               (exists (select 1 from topic_move m where m.topic_id = t.id)
                                or exists (select 1 from topic_merge g where g.target_topic_id = t.id)) as has_notes,
                               """
                                + FORUM_COLUMNS
                                + """

                        from topic t join forum f on f.id = t.forum_id join vendor v on v.id = f.vendor_id
                        where t.id = ?""")
                .param(topicId)
                .query((rs, n) -> new Found(
                        Rows.of(Row.class).mapRow(rs, n),
                        Rows.of(ForumRef.class).mapRow(rs, n)))
                .optional()
                .orElse(null);
        if (found == null || found.topic().topicMergedInto() != null) {
            return Optional.empty();
        }
        Row t = found.topic();
        ForumRef forum = found.forum();
        if ((!reader.mayRead(forum) && !authorKeepsMovedTopic(reader, t.topicId(), t.authorId(), forum))
                || (t.deleted() && !reader.staff())) {
            return Optional.empty();
        }
        return Optional.of(new TopicView(
                t.topicId(),
                forum,
                t.title(),
                t.authorId(),
                t.replyCount(),
                t.viewCount(),
                t.acceptedPostId(),
                t.pinned(),
                t.closed(),
                t.createdAt(),
                t.hasNotes()));
    }

    /**
     * C13: a move by staff must not lock the author out of their own question, even when their
     * organisation holds no licence for the forum it went to. Only that topic: the rest of the forum
     * stays closed to them, and everyone else keeps the strict licence rules (C5, S9).
     */
    private boolean authorKeepsMovedTopic(Reader reader, long topicId, long authorId, ForumRef forum) {
        if (reader.staff() || reader.userId() != authorId || !reader.vendorIds().contains(forum.vendorId())) {
            return false;
        }
        return jdbc.sql("select exists (select 1 from topic_move where topic_id = ? and to_forum_id = ?)")
                .params(topicId, forum.id())
                .query(Boolean.class)
                .single();
    }

    /**
     * C13: the topic a merged topic now lives in, when the reader may read it; empty for a topic
     * that was not merged (or that the reader may not follow).
     */
    public Optional<Long> mergedInto(Reader reader, long topicId) {
        Optional<Long> target = jdbc.sql("select merged_into from topic where id = ? and merged_into is not null")
                .param(topicId)
                .query(Long.class)
                .optional();
        if (target.isEmpty()) {
            return Optional.empty();
        }
        topic(reader, target.get()); // 404 for a reader who may not read where it went
        return target;
    }

    /** C13: where the topic came from and what was merged into it, oldest first. */
    public List<TopicNote> notes(TopicView topic) {
        if (!topic.hasNotes()) {
            return List.of();
        }
        return jdbc.sql(
                        """
                        select 'MOVED' as kind, f.name as subject, m.reason, m.moved_at as at
                        from topic_move m join forum f on f.id = m.from_forum_id where m.topic_id = :topic
                        union all
                        select 'MERGED', s.title, g.reason, g.merged_at
                        from topic_merge g join topic s on s.id = g.source_topic_id where g.target_topic_id = :topic
                        order by at""")
                .param("topic", topic.id())
                .query(Rows.of(TopicNote.class))
                .list();
    }

    private static final String POST =
            """
            select p.id, p.position, p.author_id, u.first_name || ' ' || u.last_name as author_name,
                   coalesce(o.name, '') as organisation,
                   (u.status <> 'ACTIVE' or coalesce(m.status, 'ACTIVE') = 'REMOVED') as former_member,
                   p.body_html as html, p.body_source as source, p.created_at, p.edited_at,
                   (p.edited_by is not null and p.edited_by <> p.author_id and e.staff_role is not null) as edited_by_staff,
                   p.edit_reason, p.deleted_at is not null as deleted,
                   (p.deleted_by is not null and p.deleted_by <> p.author_id) as deleted_by_staff,
                   p.hidden_at is not null as hidden, p.hidden_reason,
                   coalesce(t.accepted_post_id = p.id, false) as accepted
            from post p
            join topic t on t.id = p.topic_id
            join app_user u on u.id = p.author_id
            left join app_user e on e.id = p.edited_by
            left join lateral (select om.organisation_id, om.status from organisation_member om where om.user_id = u.id
                               order by (om.status = 'ACTIVE') desc, om.joined_at desc limit 1) m on true
            left join organisation o on o.id = m.organisation_id""";

    /** One page of a topic's posts, 20 a page, oldest first. */
    public List<PostView> posts(TopicView topic, int page) {
        return jdbc.sql(POST + " where p.topic_id = ? order by p.position limit ? offset ?")
                .params(topic.id(), POSTS_PER_PAGE, (page - 1) * POSTS_PER_PAGE)
                .query(Rows.of(PostView.class))
                .list();
    }

    public int pages(TopicView topic) {
        return Math.max(1, (topic.replyCount() + 1 + POSTS_PER_PAGE - 1) / POSTS_PER_PAGE);
    }

    /** The accepted answer, shown directly under the question (C7). */
    public Optional<PostView> acceptedAnswer(TopicView topic) {
        if (topic.acceptedPostId() == null) {
            return Optional.empty();
        }
        return jdbc.sql(POST + " where p.id = ?")
                .param(topic.acceptedPostId())
                .query(Rows.of(PostView.class))
                .optional();
    }

    /** A post by its permalink id, with its topic, if the reader may read it. */
    public PostLocation locate(Reader reader, long postId) {
        record Row(long topicId, int position) {}
        Row row = jdbc.sql("select topic_id, position from post where id = ?")
                .param(postId)
                .query(Rows.of(Row.class))
                .optional()
                .orElseThrow(NotFoundException::new);
        TopicView topic = topic(reader, row.topicId());
        return new PostLocation(topic, postId, row.position() / POSTS_PER_PAGE + 1);
    }

    public record PostLocation(TopicView topic, long postId, int page) {}

    public PostView post(Reader reader, long postId) {
        PostLocation location = locate(reader, postId);
        return jdbc.sql(POST + " where p.id = ?")
                .param(location.postId())
                .query(Rows.of(PostView.class))
                .single();
    }

    /** Earlier versions of a post, newest first. */
    public List<Revision> revisions(long postId) {
        return jdbc.sql(
                        """
                        select r.number, r.body_source as source, u.first_name || ' ' || u.last_name as edited_by,
                               r.edited_at, r.reason
                        from post_revision r join app_user u on u.id = r.edited_by
                        where r.post_id = ? order by r.number desc""")
                .param(postId)
                .query(Rows.of(Revision.class))
                .list();
    }

    /** The first post the reader has not read yet, to open a topic there. */
    public int firstUnreadPosition(Reader reader, TopicView topic) {
        return jdbc.sql("select last_position + 1 from topic_read where user_id = ? and topic_id = ?")
                .params(reader.userId(), topic.id())
                .query(Integer.class)
                .optional()
                .map(p -> Math.min(p, topic.replyCount()))
                .orElse(0);
    }
}
