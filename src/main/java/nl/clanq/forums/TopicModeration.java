package nl.clanq.forums;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.clanq.forums.ForumViews.TopicView;
import nl.clanq.mail.MailMessage;
import nl.clanq.mail.Mailer;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * C13: staff move a topic to the forum of the same vendor where it belongs, and merge a duplicate
 * topic into another. Topic addresses keep working (a moved topic keeps its address; a merged one
 * redirects), the people concerned hear why by mail, and every act is audited (S8). Anyone but
 * staff gets {@link NotFoundException}. The review queue of the moderation module calls this too.
 */
@Service
@Transactional
public class TopicModeration {

    public static final int REASON_MAX = 500;

    /** Why a move or merge cannot be done, with the message key that tells staff. */
    public enum Refusal {
        REASON_REQUIRED("forums.moderation.reasonRequired"),
        REASON_TOO_LONG("forums.moderation.reasonTooLong"),
        NO_SUCH_FORUM("forums.move.noSuchForum"),
        SAME_FORUM("forums.move.sameForum"),
        OTHER_VENDOR_FORUM("forums.move.otherVendor"),
        FORUM_CLOSED("forums.move.forumClosed"),
        LICENCE_GAP_UNCONFIRMED("forums.move.confirmRequired"),
        NO_SUCH_TOPIC("forums.merge.noSuchTopic"),
        SAME_TOPIC("forums.merge.sameTopic"),
        OTHER_VENDOR_TOPIC("forums.merge.otherVendor"),
        TARGET_ARCHIVED("forums.merge.targetArchived");

        private final String messageKey;

        Refusal(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    /** A move or merge that was refused; nothing changed. */
    public static final class Refused extends RuntimeException {

        private final Refusal refusal;

        public Refused(Refusal refusal) {
            super(refusal.name());
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /**
     * Whether the topic may move to the forum ({@code refusal} is null), and whether its author's
     * organisation lacks the licence for that forum, so staff must confirm the move.
     */
    public record MoveCheck(TopicView topic, ForumRef target, Refusal refusal, boolean authorLacksLicence) {

        public boolean allowed() {
            return refusal == null;
        }
    }

    /** Whether the source topic may be merged into the target ({@code refusal} is null). */
    public record MergeCheck(TopicView source, TopicView target, Refusal refusal) {

        public boolean allowed() {
            return refusal == null;
        }
    }

    /** The order of a merged topic's posts: the target's question first, then everything by time. */
    private static final String MERGED_ORDER = "order by (p.id = :question) desc, p.created_at, p.id";

    private final JdbcClient jdbc;
    private final Forums forums;
    private final ForumAccess access;
    private final ForumCounts counts;
    private final ApplicationEventPublisher events;
    private final Mailer mailer;
    private final MessageSource messages;
    private final Clock clock;

    TopicModeration(
            JdbcClient jdbc,
            Forums forums,
            ForumAccess access,
            ForumCounts counts,
            ApplicationEventPublisher events,
            Mailer mailer,
            MessageSource messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.forums = forums;
        this.access = access;
        this.counts = counts;
        this.events = events;
        this.mailer = mailer;
        this.messages = messages;
        this.clock = clock;
    }

    /** The forums a topic may move to: the open forums of its vendor, except its own. */
    @Transactional(readOnly = true)
    public List<ForumRef> moveTargets(Reader reader, long topicId) {
        staffOnly(reader);
        TopicView topic = forums.topic(reader, topicId);
        return jdbc.sql(Forums.FORUM
                        + " where f.vendor_id = ? and f.id <> ? and f.status = 'OPEN' and f.merged_into is null"
                        + " order by f.kind desc, f.position, lower(f.name)")
                .params(topic.forum().vendorId(), topic.forum().id())
                .query(Rows.of(ForumRef.class))
                .list();
    }

    /** Whether the topic may move to the forum, and whether its author would lose the licence to read it. */
    @Transactional(readOnly = true)
    public MoveCheck checkMove(Posting.Actor actor, long topicId, long targetForumId) {
        staffOnly(actor.reader());
        TopicView topic = forums.topic(actor.reader(), topicId);
        Optional<ForumRef> found = forums.forumById(targetForumId);
        if (found.isEmpty()) {
            return new MoveCheck(topic, null, Refusal.NO_SUCH_FORUM, false);
        }
        ForumRef target = found.get();
        Refusal refusal = target.vendorId() != topic.forum().vendorId()
                ? Refusal.OTHER_VENDOR_FORUM
                : target.id() == topic.forum().id()
                        ? Refusal.SAME_FORUM
                        : target.archived() || target.mergedInto() != null ? Refusal.FORUM_CLOSED : null;
        if (refusal != null) {
            return new MoveCheck(topic, target, refusal, false);
        }
        boolean lacksLicence = !access.reader(topic.authorId(), false).mayRead(target);
        return new MoveCheck(topic, target, null, lacksLicence);
    }

    /**
     * Moves the topic to another open forum of its vendor. When the author's organisation holds no
     * licence for that forum, staff must have confirmed it; the author keeps reading and replying
     * in this one topic (see {@link Forums#topic}).
     *
     * @throws Refused when the move is not allowed or the reason is missing
     */
    public void move(
            Posting.Actor actor, long topicId, long targetForumId, String reason, boolean confirmedLicenceGap) {
        staffOnly(actor.reader());
        String why = reason(reason);
        lock(topicId);
        MoveCheck check = checkMove(actor, topicId, targetForumId);
        if (!check.allowed()) {
            throw new Refused(check.refusal());
        }
        if (check.authorLacksLicence() && !confirmedLicenceGap) {
            throw new Refused(Refusal.LICENCE_GAP_UNCONFIRMED);
        }
        TopicView topic = check.topic();
        ForumRef from = topic.forum();
        ForumRef to = check.target();
        long staffId = actor.reader().userId();
        jdbc.sql("update topic set forum_id = ? where id = ?")
                .params(to.id(), topicId)
                .update();
        jdbc.sql(
                        """
                        insert into topic_move (topic_id, from_forum_id, to_forum_id, moved_by, moved_at, reason)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(topicId, from.id(), to.id(), staffId, now(), why)
                .update();
        counts.recount(from.id());
        counts.recount(to.id());
        events.publishEvent(new TopicMoved(
                topicId,
                from.id(),
                to.id(),
                topic.authorId(),
                staffId,
                actor.label(),
                why,
                check.authorLacksLicence()));
        mailAuthorAboutMove(topic, from, to, why);
    }

    /** Whether the source topic may be merged into the target. */
    @Transactional(readOnly = true)
    public MergeCheck checkMerge(Posting.Actor actor, long sourceTopicId, long targetTopicId) {
        staffOnly(actor.reader());
        TopicView source = forums.topic(actor.reader(), sourceTopicId);
        Optional<TopicView> found = forums.findTopic(actor.reader(), targetTopicId);
        if (found.isEmpty()) {
            return new MergeCheck(source, null, Refusal.NO_SUCH_TOPIC);
        }
        TopicView target = found.get();
        Refusal refusal = target.id() == source.id()
                ? Refusal.SAME_TOPIC
                : target.forum().vendorId() != source.forum().vendorId()
                        ? Refusal.OTHER_VENDOR_TOPIC
                        : target.forum().archived() ? Refusal.TARGET_ARCHIVED : null;
        return new MergeCheck(source, target, refusal);
    }

    /**
     * Merges a duplicate topic into another of the same vendor: every post of the source (its
     * question too) joins the target, in order of time after the target's question; the source's
     * accepted answer stays only when the target has none. The source disappears from lists and its
     * address redirects to the target permanently. The participants of both hear it by mail.
     *
     * @throws Refused when the merge is not allowed or the reason is missing
     */
    public void merge(Posting.Actor actor, long sourceTopicId, long targetTopicId, String reason) {
        staffOnly(actor.reader());
        String why = reason(reason);
        lock(Math.min(sourceTopicId, targetTopicId));
        lock(Math.max(sourceTopicId, targetTopicId));
        MergeCheck check = checkMerge(actor, sourceTopicId, targetTopicId);
        if (!check.allowed()) {
            throw new Refused(check.refusal());
        }
        TopicView source = check.source();
        TopicView target = check.target();
        long staffId = actor.reader().userId();
        List<Participant> participants = participants(source.id(), target.id(), staffId);
        long question = jdbc.sql("select id from post where topic_id = ? order by position limit 1")
                .param(target.id())
                .query(Long.class)
                .single();

        // Reading state first, while the old positions still tell which post each reader reached:
        // the furthest post read in either topic, at its place in the merged topic.
        jdbc.sql(
                        """
                        with merged as (
                            select p.id, p.topic_id, p.position,
                                   row_number() over (%s) - 1 as new_position
                            from post p where p.topic_id in (:source, :target)),
                        reached as (
                            select r.user_id, max(m.new_position) as position
                            from topic_read r join merged m on m.topic_id = r.topic_id and m.position <= r.last_position
                            where r.topic_id in (:source, :target)
                            group by r.user_id)
                        insert into topic_read (user_id, topic_id, last_position, read_at)
                        select user_id, :target, position, now() from reached
                        on conflict (user_id, topic_id) do update set last_position = excluded.last_position"""
                                .formatted(MERGED_ORDER))
                .param("source", source.id())
                .param("target", target.id())
                .param("question", question)
                .update();
        jdbc.sql("delete from topic_read where topic_id = ?").param(source.id()).update();

        // Renumber in two steps: unique (topic_id, position) holds after every row, so first move
        // every post out of the way (to minus its id, unique by itself), then to its new place.
        jdbc.sql("update post set topic_id = :target, position = -id where topic_id in (:source, :target)")
                .param("source", source.id())
                .param("target", target.id())
                .update();
        jdbc.sql(
                        """
                        update post set position = m.new_position
                        from (select p.id, row_number() over (%s) - 1 as new_position
                              from post p where p.topic_id = :target) m
                        where post.id = m.id"""
                                .formatted(MERGED_ORDER))
                .param("target", target.id())
                .param("question", question)
                .update();

        jdbc.sql(
                        """
                        update topic t set reply_count = s.replies, last_post_at = s.last_at, last_poster_id = s.last_poster,
                               accepted_post_id = coalesce(t.accepted_post_id, :sourceAccepted)
                        from (select count(*) - 1 as replies, max(created_at) as last_at,
                                     (select author_id from post where topic_id = :target
                                      order by created_at desc, id desc limit 1) as last_poster
                              from post where topic_id = :target) s
                        where t.id = :target""")
                .param("target", target.id())
                .param("sourceAccepted", source.acceptedPostId(), java.sql.Types.BIGINT)
                .update();
        jdbc.sql(
                        """
                        update topic set merged_into = :target, reply_count = 0, accepted_post_id = null, pinned = false
                        where id = :source""")
                .param("source", source.id())
                .param("target", target.id())
                .update();
        // Topics merged into the source earlier follow it, so no address redirects twice.
        jdbc.sql("update topic set merged_into = ? where merged_into = ?")
                .params(target.id(), source.id())
                .update();
        jdbc.sql(
                        """
                        insert into topic_merge (source_topic_id, target_topic_id, merged_by, merged_at, reason)
                        values (?, ?, ?, ?, ?)""")
                .params(source.id(), target.id(), staffId, now(), why)
                .update();
        counts.recount(source.forum().id());
        if (target.forum().id() != source.forum().id()) {
            counts.recount(target.forum().id());
        }
        events.publishEvent(new TopicsMerged(source.id(), target.id(), staffId, actor.label(), why));
        for (Participant p : participants) {
            mailAboutMerge(p, source, target, why);
        }
    }

    record Participant(String email, String locale) {}

    /** The distinct active authors of both topics, except the staff person who merges. */
    private List<Participant> participants(long sourceId, long targetId, long staffId) {
        return jdbc.sql(
                        """
                        select u.email, u.locale from app_user u
                        where u.status = 'ACTIVE' and u.id <> ?
                          and u.id in (select p.author_id from post p where p.topic_id in (?, ?))
                        order by u.id""")
                .params(staffId, sourceId, targetId)
                .query(Rows.of(Participant.class))
                .list();
    }

    record Author(String email, String locale, String status) {}

    /** C13: the author hears where their question went, why, and that its link still works. */
    private void mailAuthorAboutMove(TopicView topic, ForumRef from, ForumRef to, String reason) {
        Author author = jdbc.sql("select email, locale, status from app_user where id = ?")
                .param(topic.authorId())
                .query(Rows.of(Author.class))
                .single();
        if (!"ACTIVE".equals(author.status())) {
            return;
        }
        Locale l = Locale.of(author.locale());
        mailer.send(MailMessage.to(author.email(), l)
                .kind("forums.topic-moved")
                .subject(messages.getMessage("mail.topicMoved.subject", new Object[] {topic.title()}, l))
                .paragraph(messages.getMessage(
                        "mail.topicMoved.text", new Object[] {topic.title(), from.name(), to.name()}, l))
                .paragraph(messages.getMessage("mail.topicMoved.reason", new Object[] {reason}, l))
                .action(messages.getMessage("mail.topicMoved.action", null, l), mailer.link(topic.path()))
                .build());
    }

    private void mailAboutMerge(Participant p, TopicView source, TopicView target, String reason) {
        Locale l = Locale.of(p.locale());
        mailer.send(MailMessage.to(p.email(), l)
                .kind("forums.topics-merged")
                .subject(messages.getMessage("mail.topicsMerged.subject", new Object[] {target.title()}, l))
                .paragraph(
                        messages.getMessage("mail.topicsMerged.text", new Object[] {source.title(), target.title()}, l))
                .paragraph(messages.getMessage("mail.topicsMerged.reason", new Object[] {reason}, l))
                .action(messages.getMessage("mail.topicsMerged.action", null, l), mailer.link(target.path()))
                .build());
    }

    private static String reason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new Refused(Refusal.REASON_REQUIRED);
        }
        if (why.length() > REASON_MAX) {
            throw new Refused(Refusal.REASON_TOO_LONG);
        }
        return why;
    }

    private void lock(long topicId) {
        jdbc.sql("select id from topic where id = ? for update")
                .param(topicId)
                .query(Long.class)
                .optional();
    }

    private static void staffOnly(Reader reader) {
        if (!reader.staff()) {
            throw new NotFoundException();
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
