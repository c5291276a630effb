package nl.clanq.forums;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import nl.clanq.forums.ForumViews.TopicView;
import nl.clanq.mail.MailMessage;
import nl.clanq.mail.Mailer;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.markdown.Markdown;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The write side of the forums (C7): ask, reply, edit with a kept revision, delete, accept an
 * answer, and the staff acts pin and close. Each use case checks the reader's rights on the server
 * and runs in one transaction.
 */
@Service
@Transactional
public class Posting {

    public static final int TITLE_MIN = 10;
    public static final int TITLE_MAX = 150;
    public static final int BODY_MAX = 50_000;

    private final JdbcClient jdbc;
    private final Forums forums;
    private final Markdown markdown;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Mailer mailer;
    private final MessageSource messages;

    Posting(
            JdbcClient jdbc,
            Forums forums,
            Markdown markdown,
            ApplicationEventPublisher events,
            Clock clock,
            Mailer mailer,
            MessageSource messages) {
        this.mailer = mailer;
        this.messages = messages;
        this.jdbc = jdbc;
        this.forums = forums;
        this.markdown = markdown;
        this.events = events;
        this.clock = clock;
    }

    /** Who acts, for the audit log. */
    public record Actor(Reader reader, String label) {}

    public long ask(Actor actor, ForumRef forum, String title, String body) {
        if (!actor.reader().mayRead(forum) || forum.archived()) {
            throw new NotFoundException();
        }
        OffsetDateTime now = now();
        long userId = actor.reader().userId();
        long topicId = jdbc.sql(
                        """
                        insert into topic (forum_id, title, author_id, created_at, last_post_at, last_poster_id)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(forum.id(), title.strip(), userId, now, now, userId)
                .query(Long.class)
                .single();
        long postId = insertPost(topicId, 0, userId, body, now);
        jdbc.sql(
                        """
                        update forum set topic_count = topic_count + 1, post_count = post_count + 1, last_post_at = ?
                        where id = ?""")
                .params(now, forum.id())
                .update();
        markRead(userId, topicId, 0);
        events.publishEvent(new TopicPosted(topicId, forum.id(), postId, userId));
        return topicId;
    }

    public long reply(Actor actor, long topicId, String body) {
        TopicView topic = lockTopic(actor.reader(), topicId);
        if (topic.closed() || topic.forum().archived()) {
            throw new NotFoundException();
        }
        OffsetDateTime now = now();
        long userId = actor.reader().userId();
        int position = topic.replyCount() + 1;
        long postId = insertPost(topicId, position, userId, body, now);
        jdbc.sql(
                        """
                        update topic set reply_count = reply_count + 1, last_post_at = ?, last_poster_id = ?
                        where id = ?""")
                .params(now, userId, topicId)
                .update();
        jdbc.sql("update forum set post_count = post_count + 1, last_post_at = ? where id = ?")
                .params(now, topic.forum().id())
                .update();
        markRead(userId, topicId, position);
        events.publishEvent(new ReplyPosted(topicId, topic.forum().id(), postId, userId));
        return postId;
    }

    private long insertPost(long topicId, int position, long userId, String body, OffsetDateTime now) {
        return jdbc.sql(
                        """
                        insert into post (topic_id, position, author_id, body_source, body_html, created_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(topicId, position, userId, body, markdown.render(body), now)
                .query(Long.class)
                .single();
    }

    /**
     * The author (or staff, with a reason) changes a post; the previous text is kept as a revision
     * and the post shows it was edited.
     */
    public void edit(Actor actor, long postId, String body, String reason) {
        ForumViews.PostView post = forums.post(actor.reader(), postId);
        boolean own = post.authorId() == actor.reader().userId();
        if ((!own && !actor.reader().staff()) || post.deleted()) {
            throw new NotFoundException();
        }
        if (post.source().equals(body)) {
            return;
        }
        int number = jdbc.sql("select coalesce(max(number), 0) + 1 from post_revision where post_id = ?")
                .param(postId)
                .query(Integer.class)
                .single();
        OffsetDateTime now = now();
        jdbc.sql(
                        """
                        insert into post_revision (post_id, number, body_source, edited_by, edited_at, reason)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(postId, number, post.source(), actor.reader().userId(), now, reason)
                .update();
        jdbc.sql(
                        """
                        update post set body_source = ?, body_html = ?, edited_at = ?, edited_by = ?, edit_reason = ?
                        where id = ?""")
                .params(body, markdown.render(body), now, actor.reader().userId(), own ? null : reason, postId)
                .update();
        events.publishEvent(new TopicChanged(topicOf(postId)));
        if (!own) {
            events.publishEvent(new ForumActed(
                    actor.reader().userId(),
                    actor.label(),
                    "forum.post.edited-by-staff",
                    "post",
                    postId,
                    Map.of("reason", reason == null ? "" : reason)));
            mailAuthorAboutStaffEdit(postId, reason);
        }
    }

    record Author(String email, String locale, String title, String status) {}

    /** C13: the author hears that Clanqbeheer changed their post, why, and where to see it. */
    private void mailAuthorAboutStaffEdit(long postId, String reason) {
        Author author = jdbc.sql(
                        """
                        select u.email, u.locale, t.title, u.status
                        from post p join topic t on t.id = p.topic_id join app_user u on u.id = p.author_id
                        where p.id = ?""")
                .param(postId)
                .query(Rows.of(Author.class))
                .single();
        if (!"ACTIVE".equals(author.status())) {
            return;
        }
        Locale l = Locale.of(author.locale());
        mailer.send(MailMessage.to(author.email(), l)
                .kind("forums.post-edited-by-staff")
                .subject(messages.getMessage("mail.staffEdit.subject", new Object[] {author.title()}, l))
                .paragraph(messages.getMessage("mail.staffEdit.text", new Object[] {author.title()}, l))
                .paragraph(messages.getMessage("mail.staffEdit.reason", new Object[] {reason == null ? "" : reason}, l))
                .action(messages.getMessage("mail.staffEdit.action", null, l), mailer.link("/posts/" + postId))
                .build());
    }

    public enum DeleteOutcome {
        DELETED,
        ONLY_TEXT_REMOVED
    }

    /**
     * The author deletes their post: its text is replaced by a notice. A question with replies stays
     * (the replies would lose their context); only its text goes.
     */
    public DeleteOutcome delete(Actor actor, long postId) {
        ForumViews.PostView post = forums.post(actor.reader(), postId);
        if (post.authorId() != actor.reader().userId() || post.deleted()) {
            throw new NotFoundException();
        }
        OffsetDateTime now = now();
        jdbc.sql(
                        "insert into post_revision (post_id, number, body_source, edited_by, edited_at, reason) "
                                + "values (?, (select coalesce(max(number), 0) + 1 from post_revision where post_id = ?), ?, ?, ?, 'deleted')")
                .params(postId, postId, post.source(), actor.reader().userId(), now)
                .update();
        jdbc.sql("update post set body_source = '', body_html = '', deleted_at = ?, deleted_by = ? where id = ?")
                .params(now, actor.reader().userId(), postId)
                .update();
        events.publishEvent(new TopicChanged(topicOf(postId)));
        return post.question() ? DeleteOutcome.ONLY_TEXT_REMOVED : DeleteOutcome.DELETED;
    }

    /** C7: the asker (or staff) marks one reply as the answer; marking another replaces it. */
    public void accept(Actor actor, long postId) {
        Forums.PostLocation location = forums.locate(actor.reader(), postId);
        TopicView topic = location.topic();
        boolean asker = topic.authorId() == actor.reader().userId();
        ForumViews.PostView post = forums.post(actor.reader(), postId);
        if ((!asker && !actor.reader().staff()) || post.question() || post.deleted()) {
            throw new NotFoundException();
        }
        jdbc.sql("update topic set accepted_post_id = ? where id = ?")
                .params(postId, topic.id())
                .update();
        events.publishEvent(new ForumActed(
                actor.reader().userId(), actor.label(), "forum.answer.accepted", "post", postId, Map.of()));
    }

    public void unaccept(Actor actor, long topicId) {
        TopicView topic = forums.topic(actor.reader(), topicId);
        if (topic.authorId() != actor.reader().userId() && !actor.reader().staff()) {
            throw new NotFoundException();
        }
        jdbc.sql("update topic set accepted_post_id = null where id = ?")
                .param(topicId)
                .update();
        events.publishEvent(new TopicChanged(topicId));
    }

    /** Staff pin a topic to the top of its forum, or close it for replies. */
    public void setPinned(Actor actor, long topicId, boolean pinned) {
        staffOnly(actor);
        forums.topic(actor.reader(), topicId);
        jdbc.sql("update topic set pinned = ? where id = ?")
                .params(pinned, topicId)
                .update();
        events.publishEvent(new ForumActed(
                actor.reader().userId(),
                actor.label(),
                pinned ? "forum.topic.pinned" : "forum.topic.unpinned",
                "topic",
                topicId,
                Map.of()));
    }

    public void setClosed(Actor actor, long topicId, boolean closed) {
        staffOnly(actor);
        forums.topic(actor.reader(), topicId);
        jdbc.sql("update topic set closed = ? where id = ?")
                .params(closed, topicId)
                .update();
        events.publishEvent(new ForumActed(
                actor.reader().userId(),
                actor.label(),
                closed ? "forum.topic.closed" : "forum.topic.reopened",
                "topic",
                topicId,
                Map.of()));
    }

    private static void staffOnly(Actor actor) {
        if (!actor.reader().staff()) {
            throw new NotFoundException();
        }
    }

    /** Remembers how far the reader has read; never moves back. */
    public void markRead(long userId, long topicId, int position) {
        jdbc.sql(
                        """
                        insert into topic_read (user_id, topic_id, last_position, read_at) values (?, ?, ?, now())
                        """
                                + READ_MARK_KEPT_FORWARD)
                .params(userId, topicId, position)
                .update();
    }

    /** "Mark forum as read": every topic of the forum up to its last post. */
    public void markForumRead(Reader reader, ForumRef forum) {
        if (!reader.mayRead(forum)) {
            throw new NotFoundException();
        }
        jdbc.sql(
                        """
                        insert into topic_read (user_id, topic_id, last_position, read_at)
                        select ?, t.id, t.reply_count, now() from topic t where t.forum_id = ?
                        on conflict (user_id, topic_id) do update set last_position = excluded.last_position,
                            read_at = excluded.read_at""")
                .params(reader.userId(), forum.id())
                .update();
    }

    /** How old a read mark's time may be before re-reading writes it again. */
    static final String READ_AT_GRANULARITY = "10 minutes";

    /**
     * A read mark only moves forward: reading an older page keeps the furthest position read. It is
     * written only when it moves, or when its time is {@link #READ_AT_GRANULARITY} old: the time
     * only tells the digest whether the member visited Clanq in its period (a day or a week), so a
     * member re-reading a page adds no write.
     */
    private static final String READ_MARK_KEPT_FORWARD =
            """
            on conflict (user_id, topic_id) do update
                set last_position = greatest(topic_read.last_position, excluded.last_position),
                    read_at = excluded.read_at
                where topic_read.last_position < excluded.last_position
                   or topic_read.read_at < excluded.read_at - interval '%s'"""
                    .formatted(READ_AT_GRANULARITY);

    /**
     * A member opened a page of a topic and so read it up to {@code lastPosition}. When the mark
     * needs no write it is not even locked, so a member's tabs never wait for each other. Committed
     * without waiting for the disk: a read mark lost in a crash costs nothing, and waiting for it on
     * every page view was most of a page's write time (#10).
     */
    public void markReadOnView(long userId, long topicId, int lastPosition) {
        jdbc.sql(READ_ON_VIEW)
                .params(userId, topicId, lastPosition, userId, topicId, lastPosition)
                .update();
    }

    /**
     * The guard ({@code not exists}) keeps an unchanged mark from being locked at all; the upsert's
     * own condition still decides when two views of one member race past the guard together.
     */
    private static final String READ_ON_VIEW =
            """
            with relaxed as (select set_config('synchronous_commit', 'off', true))
            insert into topic_read (user_id, topic_id, last_position, read_at)
            select ?, ?, ?, now() from relaxed
            where not exists (select 1 from topic_read r
                              where r.user_id = ? and r.topic_id = ? and r.last_position >= ?
                                and r.read_at >= now() - interval '%s')
            """
                            .formatted(READ_AT_GRANULARITY)
                    + READ_MARK_KEPT_FORWARD;

    private long topicOf(long postId) {
        return jdbc.sql("select topic_id from post where id = ?")
                .param(postId)
                .query(Long.class)
                .single();
    }

    private TopicView lockTopic(Reader reader, long topicId) {
        jdbc.sql("select id from topic where id = ? for update")
                .param(topicId)
                .query(Long.class)
                .optional();
        return forums.topic(reader, topicId);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
