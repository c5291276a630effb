package nl.clanq.moderation;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.UserView;
import nl.clanq.forums.ForumAccess;
import nl.clanq.forums.ForumViews.PostView;
import nl.clanq.forums.ForumViews.TopicView;
import nl.clanq.forums.Forums;
import nl.clanq.forums.Reader;
import nl.clanq.messaging.Messaging;
import nl.clanq.organisations.Organisations;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;
import nl.clanq.shared.throttle.Throttle;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Members flag a post, a topic, a profile or a message they can see (C10). Reports on the same
 * thing join into one pending queue item with a count; a member reports a thing once.
 */
@Service
@Transactional
public class Flags {

    public static final int TEXT_MAX = 1000;
    static final int PER_HOUR = 20;

    public enum TargetType {
        POST,
        TOPIC,
        PROFILE,
        MESSAGE;

        /** From the lower-case name used in URLs; unknown names are not found. */
        public static TargetType parse(String name) {
            for (TargetType t : values()) {
                if (t.name().equalsIgnoreCase(name)) {
                    return t;
                }
            }
            throw new NotFoundException();
        }
    }

    public enum Reason {
        SPAM,
        OFFENSIVE,
        WRONG_FORUM,
        PERSONAL_DATA,
        OTHER
    }

    /**
     * Something a member may report, with what the report form shows about it.
     *
     * @param kind message key describing the thing ({@code moderation.target.post} etc.)
     * @param subject the topic title, conversation subject or the person's name
     * @param authorName whose content it is
     * @param path where the reporter goes back to
     */
    public record Target(
            TargetType type, long id, long authorId, String kind, String subject, String authorName, String path) {}

    public enum Outcome {
        REPORTED,
        ALREADY_REPORTED
    }

    private final JdbcClient jdbc;
    private final ForumAccess access;
    private final Forums forums;
    private final Messaging messaging;
    private final Accounts accounts;
    private final Organisations organisations;
    private final Throttle throttle;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Flags(
            JdbcClient jdbc,
            ForumAccess access,
            Forums forums,
            Messaging messaging,
            Accounts accounts,
            Organisations organisations,
            Throttle throttle,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.forums = forums;
        this.messaging = messaging;
        this.accounts = accounts;
        this.organisations = organisations;
        this.throttle = throttle;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The thing a member wants to report, if they can see it and it is not their own; staff act
     * directly instead of reporting. Anything else is not found.
     */
    @Transactional(readOnly = true)
    public Target target(long reporterId, boolean staff, TargetType type, long id) {
        if (staff) {
            throw new NotFoundException();
        }
        Target target =
                switch (type) {
                    case POST -> {
                        Reader reader = access.reader(reporterId, false);
                        PostView post = forums.post(reader, id);
                        if (post.deleted() || post.question()) {
                            throw new NotFoundException(); // a question is reported as its topic
                        }
                        TopicView topic = forums.locate(reader, id).topic();
                        yield new Target(
                                type,
                                id,
                                post.authorId(),
                                "moderation.target.post",
                                topic.title(),
                                post.authorName(),
                                "/posts/" + id);
                    }
                    case TOPIC -> {
                        TopicView topic = forums.topic(access.reader(reporterId, false), id);
                        UserView author = accounts.get(topic.authorId());
                        yield new Target(
                                type,
                                id,
                                topic.authorId(),
                                "moderation.target.topic",
                                topic.title(),
                                author.displayName(),
                                "/topics/" + id);
                    }
                    case PROFILE -> {
                        UserView member = accounts.find(id)
                                .filter(u -> !u.staff() && u.active())
                                .orElseThrow(NotFoundException::new);
                        Set<Long> shared = new HashSet<>(organisations.communities(reporterId));
                        shared.retainAll(organisations.communities(id));
                        if (shared.isEmpty()) {
                            throw new NotFoundException();
                        }
                        yield new Target(
                                type,
                                id,
                                id,
                                "moderation.target.profile",
                                member.displayName(),
                                member.displayName(),
                                "/members/" + id);
                    }
                    case MESSAGE -> {
                        long authorId = messaging.reportableMessage(new Messaging.Viewer(reporterId, false, ""), id);
                        Messaging.ReportedMessage message =
                                messaging.reportedMessage(id).orElseThrow(NotFoundException::new);
                        yield new Target(
                                type,
                                id,
                                authorId,
                                "moderation.target.message",
                                message.subject(),
                                accounts.get(authorId).displayName(),
                                "/messages/" + message.conversationId() + "#message-" + id);
                    }
                };
        if (target.authorId() == reporterId) {
            throw new NotFoundException();
        }
        return target;
    }

    /**
     * A member reports a thing with a reason (and for "other", a text). A second report on a thing
     * that is still pending joins its queue item; the same member reporting again changes nothing.
     */
    public Outcome report(long reporterId, String reporterLabel, Target target, Reason reason, String text) {
        throttle.attempt("flags", PER_HOUR, Duration.ofHours(1), Long.toString(reporterId));
        OffsetDateTime now = OffsetDateTime.now(clock);
        long flagId = jdbc.sql(
                        """
                        insert into flag (target_type, target_id, author_id, created_at, last_reported_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (target_type, target_id) where status = 'PENDING'
                        do update set last_reported_at = excluded.last_reported_at
                        returning id""")
                .params(target.type().name(), target.id(), target.authorId(), now, now)
                .query(Long.class)
                .single();
        int added = jdbc.sql(
                        """
                        insert into flag_report (flag_id, reporter_id, reason, text, created_at) values (?, ?, ?, ?, ?)
                        on conflict (flag_id, reporter_id) do nothing""")
                .params(flagId, reporterId, reason.name(), text == null ? "" : text.strip(), now)
                .update();
        if (added == 0) {
            return Outcome.ALREADY_REPORTED;
        }
        jdbc.sql("update flag set report_count = report_count + 1 where id = ?")
                .param(flagId)
                .update();
        events.publishEvent(new Flagged(reporterId, reporterLabel, flagId, target.type(), target.id(), reason));
        return Outcome.REPORTED;
    }

    /** How many queue items wait for staff. */
    @Transactional(readOnly = true)
    public int pendingCount() {
        return jdbc.sql("select count(*) from flag where status = 'PENDING'")
                .query(Integer.class)
                .single();
    }

    /** A member reported something (S8: the report is attributable). */
    public record Flagged(
            long reporterId, String reporterLabel, long flagId, TargetType type, long targetId, Reason reason)
            implements Audited {
        @Override
        public AuditFacts audit() {
            return new AuditFacts(
                    reporterId,
                    reporterLabel,
                    "moderation.flag.reported",
                    "flag",
                    Long.toString(flagId),
                    null,
                    Map.of("target", type.name().toLowerCase() + ":" + targetId, "reason", reason.name()));
        }
    }
}
