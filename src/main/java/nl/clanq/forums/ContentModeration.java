package nl.clanq.forums;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff do to forum content from the review queue (C10, C13): hide a post (kept, shown to
 * others as hidden by Clanqbeheer), delete a post, delete a whole topic; and the context the queue
 * shows for a flagged post or topic. Every act is audited (S8).
 */
@Service
@Transactional
public class ContentModeration {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ForumCounts counts;

    ContentModeration(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock, ForumCounts counts) {
        this.counts = counts;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** A flagged post as the queue shows it, with its topic and forum. */
    public record PostExcerpt(
            long id,
            int position,
            long topicId,
            String topicTitle,
            long forumId,
            String forumName,
            String forumPath,
            long authorId,
            String source,
            String html,
            Instant createdAt,
            boolean hidden,
            boolean deleted,
            boolean topicDeleted) {

        public boolean question() {
            return position == 0;
        }
    }

    private static final String EXCERPT =
            """
            select p.id, p.position, t.id as topic_id, t.title as topic_title, f.id as forum_id, f.name as forum_name,
                   '/forums/' || v.slug || '/' || f.slug as forum_path, p.author_id, p.body_source as source,
                   p.body_html as html, p.created_at, p.hidden_at is not null as hidden, p.deleted_at is not null as deleted,
                   t.deleted_at is not null as topic_deleted
            from post p join topic t on t.id = p.topic_id join forum f on f.id = t.forum_id join vendor v on v.id = f.vendor_id""";

    @Transactional(readOnly = true)
    public Optional<PostExcerpt> post(long postId) {
        return jdbc.sql(EXCERPT + " where p.id = ?")
                .param(postId)
                .query(Rows.of(PostExcerpt.class))
                .optional();
    }

    /** The question of a topic, which stands for the topic in the queue. */
    @Transactional(readOnly = true)
    public Optional<PostExcerpt> question(long topicId) {
        return jdbc.sql(EXCERPT + " where p.topic_id = ? and p.position = 0")
                .param(topicId)
                .query(Rows.of(PostExcerpt.class))
                .optional();
    }

    /** Staff hide a post with a reason: the author and staff still read it, others see a notice. */
    public void hidePost(Posting.Actor actor, long postId, String reason) {
        staffOnly(actor);
        PostExcerpt post = post(postId).orElseThrow(NotFoundException::new);
        if (post.hidden() || post.deleted()) {
            return;
        }
        jdbc.sql("update post set hidden_at = ?, hidden_by = ?, hidden_reason = ? where id = ?")
                .params(now(), actor.reader().userId(), reason, postId)
                .update();
        audit(actor, "forum.post.hidden", "post", postId, reason);
    }

    /** Staff show a hidden post again. */
    public void unhidePost(Posting.Actor actor, long postId, String reason) {
        staffOnly(actor);
        post(postId).orElseThrow(NotFoundException::new);
        jdbc.sql("update post set hidden_at = null, hidden_by = null, hidden_reason = null where id = ?")
                .param(postId)
                .update();
        audit(actor, "forum.post.unhidden", "post", postId, reason);
    }

    /**
     * Staff delete a post with a reason; its text is kept as a revision. A question with replies only
     * loses its text, as when its author deletes it.
     */
    public void deletePost(Posting.Actor actor, long postId, String reason) {
        staffOnly(actor);
        PostExcerpt post = post(postId).orElseThrow(NotFoundException::new);
        if (post.deleted()) {
            return;
        }
        OffsetDateTime now = now();
        jdbc.sql(
                        """
                        insert into post_revision (post_id, number, body_source, edited_by, edited_at, reason)
                        values (?, (select coalesce(max(number), 0) + 1 from post_revision where post_id = ?), ?, ?, ?, ?)""")
                .params(postId, postId, post.source(), actor.reader().userId(), now, reason)
                .update();
        jdbc.sql(
                        """
                        update post set body_source = '', body_html = '', deleted_at = ?, deleted_by = ?, edit_reason = ?
                        where id = ?""")
                .params(now, actor.reader().userId(), reason, postId)
                .update();
        audit(actor, "forum.post.deleted-by-staff", "post", postId, reason);
    }

    /** Staff delete a whole topic (spam): members no longer find or open it; staff still can. */
    public void deleteTopic(Posting.Actor actor, long topicId, String reason) {
        staffOnly(actor);
        record Row(long forumId, Instant deletedAt) {}
        Row t = jdbc.sql("select forum_id, deleted_at from topic where id = ? for update")
                .param(topicId)
                .query(Rows.of(Row.class))
                .optional()
                .orElseThrow(NotFoundException::new);
        if (t.deletedAt() != null) {
            return;
        }
        jdbc.sql("update topic set deleted_at = ?, deleted_by = ?, delete_reason = ?, pinned = false where id = ?")
                .params(now(), actor.reader().userId(), reason, topicId)
                .update();
        counts.recount(t.forumId());
        audit(actor, "forum.topic.deleted-by-staff", "topic", topicId, reason);
    }

    private void audit(Posting.Actor actor, String action, String type, long id, String reason) {
        events.publishEvent(new ForumActed(
                actor.reader().userId(),
                actor.label(),
                action,
                type,
                id,
                Map.of("reason", reason == null ? "" : reason)));
    }

    private static void staffOnly(Posting.Actor actor) {
        if (!actor.reader().staff()) {
            throw new NotFoundException();
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
