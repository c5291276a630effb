package nl.clanq.notifications;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.clanq.forums.ForumAccess;
import nl.clanq.forums.ForumActed;
import nl.clanq.forums.ForumRef;
import nl.clanq.forums.Forums;
import nl.clanq.forums.ReplyPosted;
import nl.clanq.forums.TopicMoved;
import nl.clanq.forums.TopicPosted;
import nl.clanq.forums.TopicsMerged;
import nl.clanq.legal.LegalDocuments.LegalPublished;
import nl.clanq.messaging.LiveStreams;
import nl.clanq.shared.db.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns other modules' events into notices. Each listener runs after the change committed, in a
 * transaction of its own, and the event publication registry re-delivers an event whose listener
 * did not finish (a crash between the commit and the notice). A notice is only made for someone
 * who may read its forum at that moment, never for the person who acted, and never twice for one
 * post (the most specific kind wins: quoted and mentioned before reply before watched).
 */
@Component
class NoticeCreation {

    /** An @mention: "@eva.jansen", the name in lower case with dots for spaces and other signs. */
    static final Pattern MENTION =
            Pattern.compile("(?<![\\p{L}\\p{N}._-])@([a-z0-9]+(?:\\.[a-z0-9]+)+)", Pattern.CASE_INSENSITIVE);

    private final JdbcClient jdbc;
    private final ForumAccess access;
    private final Forums forums;
    private final Watching watching;

    NoticeCreation(JdbcClient jdbc, ForumAccess access, Forums forums, Watching watching) {
        this.jdbc = jdbc;
        this.access = access;
        this.forums = forums;
        this.watching = watching;
    }

    record Topic(long id, long forumId, String title, long authorId) {}

    private Topic topic(long topicId) {
        return jdbc.sql("select id, forum_id, title, author_id from topic where id = ?")
                .param(topicId)
                .query(Rows.of(Topic.class))
                .single();
    }

    private String body(long postId) {
        return jdbc.sql("select body_source from post where id = ?")
                .param(postId)
                .query(String.class)
                .single();
    }

    @ApplicationModuleListener
    void on(TopicPosted e) {
        Topic t = topic(e.topicId());
        ForumRef forum = forums.forumById(t.forumId()).orElseThrow();
        if (setting(e.authorId(), "auto_watch_started")) {
            watching.watchTopicIfUnset(e.authorId(), t.id(), Watching.TopicLevel.WATCHING);
        }
        Set<Long> done = new LinkedHashSet<>(List.of(e.authorId()));
        mentions(e.postId(), body(e.postId()), forum, t, e.authorId(), done);
        for (long watcher : forumWatchers(forum.id(), "'WATCHING', 'WATCHING_FIRST_POST'")) {
            notify(watcher, NoticeKind.WATCHED_TOPIC, e.authorId(), forum, t, e.postId(), null, done);
        }
    }

    @ApplicationModuleListener
    void on(ReplyPosted e) {
        Topic t = topic(e.topicId());
        ForumRef forum = forums.forumById(t.forumId()).orElseThrow();
        if (setting(e.authorId(), "auto_track_replied")) {
            watching.watchTopicIfUnset(e.authorId(), t.id(), Watching.TopicLevel.TRACKING);
        }
        String body = body(e.postId());
        Set<Long> done = new LinkedHashSet<>(List.of(e.authorId()));
        for (long quoted : quoted(t.id(), e.postId(), body)) {
            if (!muted(quoted, t.id())) {
                notify(quoted, NoticeKind.QUOTED, e.authorId(), forum, t, e.postId(), null, done);
            }
        }
        mentions(e.postId(), body, forum, t, e.authorId(), done);
        if (!muted(t.authorId(), t.id())) {
            notify(t.authorId(), NoticeKind.REPLY, e.authorId(), forum, t, e.postId(), null, done);
        }
        for (long watcher : jdbc.sql("select user_id from topic_watch where topic_id = ? and level = 'WATCHING'")
                .param(t.id())
                .query(Long.class)
                .list()) {
            notify(watcher, NoticeKind.WATCHED_REPLY, e.authorId(), forum, t, e.postId(), null, done);
        }
        for (long watcher : forumWatchers(forum.id(), "'WATCHING'")) {
            if (!muted(watcher, t.id())) {
                notify(watcher, NoticeKind.WATCHED_REPLY, e.authorId(), forum, t, e.postId(), null, done);
            }
        }
    }

    /** Staff acts that the author hears of: their reply accepted, their post edited by staff. */
    @ApplicationModuleListener
    void on(ForumActed e) {
        if (!"post".equals(e.targetType())) {
            return;
        }
        NoticeKind kind =
                switch (e.action()) {
                    case "forum.answer.accepted" -> NoticeKind.ACCEPTED;
                    case "forum.post.edited-by-staff" -> NoticeKind.EDITED_BY_STAFF;
                    default -> null;
                };
        if (kind == null) {
            return;
        }
        record Post(long authorId, long topicId) {}
        Post p = jdbc.sql("select author_id, topic_id from post where id = ?")
                .param(e.targetId())
                .query(Rows.of(Post.class))
                .single();
        Topic t = topic(p.topicId());
        ForumRef forum = forums.forumById(t.forumId()).orElseThrow();
        Set<Long> done = new LinkedHashSet<>(List.of(e.actorId()));
        notify(
                p.authorId(),
                kind,
                e.actorId(),
                forum,
                t,
                null,
                e.details().get("reason"),
                done,
                "/posts/" + e.targetId());
    }

    @ApplicationModuleListener
    void on(TopicMoved e) {
        Topic t = topic(e.topicId());
        ForumRef forum = forums.forumById(t.forumId()).orElseThrow();
        notify(
                t.authorId(),
                NoticeKind.MOVED,
                e.staffUserId(),
                forum,
                t,
                null,
                e.reason(),
                new LinkedHashSet<>(List.of(e.staffUserId())));
    }

    @ApplicationModuleListener
    void on(TopicsMerged e) {
        Topic target = topic(e.targetTopicId());
        ForumRef forum = forums.forumById(target.forumId()).orElseThrow();
        Set<Long> done = new LinkedHashSet<>(List.of(e.staffUserId()));
        for (long participant : jdbc.sql("select distinct author_id from post where topic_id = ?")
                .param(target.id())
                .query(Long.class)
                .list()) {
            notify(participant, NoticeKind.MERGED, e.staffUserId(), forum, target, null, e.reason(), done);
        }
    }

    /** B7: a new version of the terms or privacy statement, for every active person. */
    @ApplicationModuleListener
    void on(LegalPublished e) {
        String path = "TERMS".equals(e.document()) ? "/terms/versions/" : "/privacy/versions/";
        jdbc.sql(
                        """
                        insert into notice (user_id, kind, actor_id, title, detail, url)
                        select u.id, 'ANNOUNCEMENT', ?, ?, ?, ? from app_user u where u.status = 'ACTIVE'""")
                .params(e.actorId(), e.document(), e.effectiveAt(), path + e.versionId())
                .update();
        jdbc.sql("select pg_notify(?, id || ':' || ?) from app_user where status = 'ACTIVE'")
                .params(LiveStreams.CHANNEL, LiveStreams.NOTICE)
                .query()
                .listOfRows();
    }

    private void mentions(long postId, String body, ForumRef forum, Topic t, long authorId, Set<Long> done) {
        Set<String> handles = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(body);
        while (m.find()) {
            handles.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        if (handles.isEmpty()) {
            return;
        }
        Map<Long, String> people = new LinkedHashMap<>();
        jdbc.sql(
                        """
                        select distinct u.id, u.first_name || ' ' || u.last_name as name
                        from app_user u
                        join membership_seat s on s.user_id = u.id
                        join membership ms on ms.id = s.membership_id and ms.status = 'ACTIVE' and ms.vendor_id = ?
                        where u.status = 'ACTIVE'
                          and lower(regexp_replace(u.first_name || '.' || u.last_name, '[^a-zA-Z0-9]+', '.', 'g')) = any(?)""")
                .params(forum.vendorId(), handles.toArray(String[]::new))
                .query((rs, n) -> people.put(rs.getLong("id"), rs.getString("name")))
                .list();
        List<String> unreachable = new java.util.ArrayList<>();
        for (var person : people.entrySet()) {
            if (!access.reader(person.getKey(), false).mayRead(forum)) {
                unreachable.add(person.getValue());
            } else if (!muted(person.getKey(), t.id())) {
                notify(person.getKey(), NoticeKind.MENTIONED, authorId, forum, t, postId, null, done);
            }
        }
        if (!unreachable.isEmpty()) {
            insert(
                    authorId,
                    NoticeKind.MENTION_UNREACHABLE,
                    null,
                    forum,
                    t,
                    postId,
                    String.join(", ", unreachable),
                    "/posts/" + postId);
        }
    }

    /** Authors of earlier posts in the topic whose words this post quotes ("Name:" over "> "). */
    private List<Long> quoted(long topicId, long postId, String body) {
        String text = body.replace("\r\n", "\n");
        return jdbc
                .sql(
                        """
                        select distinct p.author_id, u.first_name || ' ' || u.last_name as name
                        from post p join app_user u on u.id = p.author_id
                        where p.topic_id = ? and p.id <> ?""")
                .params(topicId, postId)
                .query((rs, n) -> text.contains(rs.getString("name") + ":\n>") ? rs.getLong("author_id") : null)
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private List<Long> forumWatchers(long forumId, String levels) {
        return jdbc.sql("select user_id from forum_watch where forum_id = ? and level in (" + levels + ")")
                .param(forumId)
                .query(Long.class)
                .list();
    }

    private boolean muted(long userId, long topicId) {
        return watching.explicitTopicLevel(userId, topicId).orElse(null) == Watching.TopicLevel.MUTED;
    }

    private boolean setting(long userId, String column) {
        return jdbc.sql("select " + column + " from notice_setting where user_id = ?")
                .param(userId)
                .query(Boolean.class)
                .optional()
                .orElse(true);
    }

    private void notify(
            long userId,
            NoticeKind kind,
            Long actorId,
            ForumRef forum,
            Topic t,
            Long postId,
            String detail,
            Set<Long> done) {
        notify(
                userId,
                kind,
                actorId,
                forum,
                t,
                postId,
                detail,
                done,
                postId == null ? "/topics/" + t.id() : "/posts/" + postId);
    }

    private void notify(
            long userId,
            NoticeKind kind,
            Long actorId,
            ForumRef forum,
            Topic t,
            Long postId,
            String detail,
            Set<Long> done,
            String url) {
        if (done.contains(userId)) {
            return;
        }
        done.add(userId);
        boolean staffOrReader = jdbc.sql(
                        "select staff_role is not null from app_user where id = ? and status = 'ACTIVE'")
                .param(userId)
                .query(Boolean.class)
                .optional()
                .map(staff -> staff || access.reader(userId, false).mayRead(forum) || t.authorId() == userId)
                .orElse(false);
        if (staffOrReader) {
            insert(userId, kind, actorId, forum, t, postId, detail, url);
        }
    }

    private void insert(
            long userId,
            NoticeKind kind,
            Long actorId,
            ForumRef forum,
            Topic t,
            Long postId,
            String detail,
            String url) {
        int rows = jdbc.sql(
                        """
                        insert into notice (user_id, kind, actor_id, forum_id, topic_id, post_id, title, detail, url)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(userId, kind.name(), actorId, forum.id(), t.id(), postId, t.title(), detail, url)
                .update();
        if (rows > 0) {
            jdbc.sql("select pg_notify(?, ? || ':' || ?)")
                    .params(LiveStreams.CHANNEL, Long.toString(userId), LiveStreams.NOTICE)
                    .query()
                    .listOfRows();
        }
    }
}
