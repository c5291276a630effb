package nl.clanq.moderation;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.Profile;
import nl.clanq.accounts.UserView;
import nl.clanq.forums.ContentModeration;
import nl.clanq.forums.ContentModeration.PostExcerpt;
import nl.clanq.forums.ForumAccess;
import nl.clanq.forums.ForumRef;
import nl.clanq.forums.Posting;
import nl.clanq.forums.TopicModeration;
import nl.clanq.mail.MailMessage;
import nl.clanq.mail.Mailer;
import nl.clanq.messaging.Messaging;
import nl.clanq.moderation.Flags.TargetType;
import nl.clanq.organisations.Organisations;
import nl.clanq.organisations.Views.OrganisationView;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one review queue of staff (C10, C13): pending flags with their context, and the acts that
 * handle them. Every act records who, when and why, closes the item, tells the reporters, and is
 * audited (S8) — all in one transaction.
 */
@Service
@Transactional
public class ReviewQueue {

    public static final int PAGE_SIZE = 25;
    public static final int REASON_MAX = 500;

    public enum Resolution {
        DISMISSED,
        EDITED,
        MOVED,
        HIDDEN,
        DELETED,
        WARNED,
        BLOCKED
    }

    public record Row(
            long id,
            TargetType targetType,
            long targetId,
            long authorId,
            String authorName,
            String label,
            int reportCount,
            String reasons,
            Instant lastReportedAt,
            String status,
            Resolution resolution,
            String resolutionNote,
            String resolvedByName,
            Instant resolvedAt) {

        public boolean pending() {
            return "PENDING".equals(status);
        }

        public List<String> reasonList() {
            return reasons == null || reasons.isBlank() ? List.of() : List.of(reasons.split(","));
        }
    }

    public record Page(List<Row> rows, long total, int page, int pages) {}

    public record Report(String reporterName, String organisation, Flags.Reason reason, String text, Instant at) {}

    /** An earlier queue item about the same author that staff acted on. */
    public record History(
            long id, TargetType targetType, Resolution resolution, String resolutionNote, Instant resolvedAt) {}

    /**
     * One queue item with its context: the reports, the author, their earlier upheld flags, and the
     * reported thing itself (a post, a topic's question, a profile or one message).
     */
    public record Item(
            Row flag,
            List<Report> reports,
            UserView author,
            String authorOrganisation,
            PostExcerpt post,
            Messaging.ReportedMessage message,
            List<History> history,
            List<ForumRef> moveTargets,
            MemberRecord record) {}

    private static final String ROW =
            """
            select f.id, f.target_type, f.target_id, f.author_id, a.first_name || ' ' || a.last_name as author_name,
                   coalesce(tp.title, tt.title, c.subject, pa.first_name || ' ' || pa.last_name, '') as label,
                   f.report_count,
                   (select string_agg(distinct r.reason, ',') from flag_report r where r.flag_id = f.id) as reasons,
                   f.last_reported_at, f.status, f.resolution, f.resolution_note,
                   s.first_name || ' ' || s.last_name as resolved_by_name, f.resolved_at
            from flag f
            join app_user a on a.id = f.author_id
            left join app_user s on s.id = f.resolved_by
            left join post p on f.target_type = 'POST' and p.id = f.target_id
            left join topic tp on tp.id = p.topic_id
            left join topic tt on f.target_type = 'TOPIC' and tt.id = f.target_id
            left join message m on f.target_type = 'MESSAGE' and m.id = f.target_id
            left join conversation c on c.id = m.conversation_id
            left join app_user pa on f.target_type = 'PROFILE' and pa.id = f.target_id""";

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Organisations organisations;
    private final ContentModeration content;
    private final TopicModeration topics;
    private final Sanctions sanctions;
    private final Posting posting;
    private final ForumAccess access;
    private final Messaging messaging;
    private final Mailer mailer;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReviewQueue(
            JdbcClient jdbc,
            Accounts accounts,
            Organisations organisations,
            ContentModeration content,
            TopicModeration topics,
            Sanctions sanctions,
            Posting posting,
            ForumAccess access,
            Messaging messaging,
            Mailer mailer,
            MessageSource messages,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.organisations = organisations;
        this.content = content;
        this.topics = topics;
        this.sanctions = sanctions;
        this.posting = posting;
        this.access = access;
        this.messaging = messaging;
        this.mailer = mailer;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
    }

    /** Pending items, most recently reported first; or handled ones, most recently handled first. */
    @Transactional(readOnly = true)
    public Page list(boolean pending, int page) {
        String status = pending ? "PENDING" : "HANDLED";
        long total = jdbc.sql("select count(*) from flag where status = ?")
                .param(status)
                .query(Long.class)
                .single();
        int pages = Math.max(1, (int) ((total + PAGE_SIZE - 1) / PAGE_SIZE));
        int p = Math.min(Math.max(page, 1), pages);
        String order = pending ? "f.last_reported_at desc, f.id desc" : "f.resolved_at desc, f.id desc";
        List<Row> rows = jdbc.sql(ROW + " where f.status = ? order by " + order + " limit ? offset ?")
                .params(status, PAGE_SIZE, (p - 1) * PAGE_SIZE)
                .query(Rows.of(Row.class))
                .list();
        return new Page(rows, total, p, pages);
    }

    @Transactional(readOnly = true)
    public Item item(StaffActor actor, long flagId) {
        Row flag = row(flagId);
        List<Report> reports = jdbc.sql(
                        """
                        select u.first_name || ' ' || u.last_name as reporter_name, coalesce(o.name, '') as organisation,
                               r.reason, r.text, r.created_at as at
                        from flag_report r join app_user u on u.id = r.reporter_id
                        left join organisation_member om on om.user_id = u.id and om.status = 'ACTIVE'
                        left join organisation o on o.id = om.organisation_id
                        where r.flag_id = ? order by r.created_at, r.id""")
                .param(flagId)
                .query(Rows.of(Report.class))
                .list();
        UserView author = accounts.get(flag.authorId());
        String organisation = organisations
                .ofUser(flag.authorId())
                .map(OrganisationView::name)
                .orElse("");
        PostExcerpt post =
                switch (flag.targetType()) {
                    case POST -> content.post(flag.targetId()).orElse(null);
                    case TOPIC -> content.question(flag.targetId()).orElse(null);
                    default -> null;
                };
        Messaging.ReportedMessage message = flag.targetType() == TargetType.MESSAGE
                ? messaging.reportedMessage(flag.targetId()).orElse(null)
                : null;
        List<History> history = jdbc.sql(
                        """
                        select id, target_type, resolution, resolution_note, resolved_at from flag
                        where author_id = ? and status = 'HANDLED' and resolution <> 'DISMISSED' and id <> ?
                        order by resolved_at desc limit 20""")
                .params(flag.authorId(), flagId)
                .query(Rows.of(History.class))
                .list();
        List<ForumRef> moveTargets = post != null && !post.topicDeleted() && flag.pending()
                ? topics.moveTargets(access.reader(actor.userId(), true), post.topicId())
                : List.of();
        return new Item(
                flag,
                reports,
                author,
                organisation,
                post,
                message,
                history,
                moveTargets,
                sanctions.record(author.id()));
    }

    private Row row(long flagId) {
        return jdbc.sql(ROW + " where f.id = ?")
                .param(flagId)
                .query(Rows.of(Row.class))
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    /** Thrown when another staff person handled the item first. */
    public static class AlreadyHandledException extends RuntimeException {
        AlreadyHandledException() {
            super("already handled");
        }
    }

    /** Locks a pending item for one act; someone else's earlier act wins. */
    private Row claim(long flagId) {
        String status = jdbc.sql("select status from flag where id = ? for update")
                .param(flagId)
                .query(String.class)
                .optional()
                .orElseThrow(NotFoundException::new);
        if (!"PENDING".equals(status)) {
            throw new AlreadyHandledException();
        }
        return row(flagId);
    }

    /** Nothing wrong: the item closes, the content stays as it is. */
    public void dismiss(StaffActor actor, long flagId, String reason) {
        Row flag = claim(flagId);
        close(actor, flag, Resolution.DISMISSED, reason);
    }

    /** C13: staff change the reported post (or a topic's question) with a reason; the revision is kept. */
    public void edit(StaffActor actor, long flagId, String body, String reason) {
        Row flag = claim(flagId);
        long postId = postOf(flag);
        posting.edit(forumActor(actor), postId, body, reason);
        close(actor, flag, Resolution.EDITED, reason);
    }

    /**
     * Hide: a post or a topic's question is shown to others as hidden by Clanqbeheer; a message is
     * hidden from the other participants; a profile loses its free texts (job title and about me).
     */
    public void hide(StaffActor actor, long flagId, String reason) {
        Row flag = claim(flagId);
        switch (flag.targetType()) {
            case POST, TOPIC -> content.hidePost(forumActor(actor), postOf(flag), reason);
            case MESSAGE -> {
                messaging.hideMessage(actor.userId(), flag.targetId());
                events.publishEvent(new Acted(actor, "moderation.message.hidden", "message", flag.targetId(), reason));
            }
            case PROFILE -> {
                UserView u = accounts.get(flag.targetId());
                accounts.updateProfile(
                        u.id(),
                        new Profile(
                                u.firstName(),
                                u.lastName(),
                                "",
                                u.city(),
                                u.phone(),
                                u.phoneHidden(),
                                "",
                                u.specialisms()));
                events.publishEvent(
                        new Acted(actor, "moderation.profile.text-removed", "user", flag.targetId(), reason));
            }
        }
        close(actor, flag, Resolution.HIDDEN, reason);
    }

    /**
     * C13: the topic of the reported post (or the reported topic) moves to the forum where it
     * belongs; the author is told, and keeps access to it if their organisation has no licence there
     * (which staff must have confirmed).
     *
     * @throws TopicModeration.Refused when the move is not allowed; nothing changes
     */
    public void move(StaffActor actor, long flagId, long forumId, String reason, boolean confirmedLicenceGap) {
        Row flag = claim(flagId);
        PostExcerpt post = content.post(postOf(flag)).orElseThrow(NotFoundException::new);
        topics.move(forumActor(actor), post.topicId(), forumId, reason, confirmedLicenceGap);
        close(actor, flag, Resolution.MOVED, reason);
    }

    /**
     * C10: the author gets a warning — a message from Clanqbeheer they can answer — that counts on
     * their record.
     *
     * @throws InvalidSanction when subject or text is missing; nothing changes
     */
    public void warn(StaffActor actor, long flagId, String subject, String text, String reason) {
        Row flag = claim(flagId);
        sanctions.warn(actor, flag.authorId(), subject, text, flagId);
        close(actor, flag, Resolution.WARNED, reason);
    }

    /**
     * C10: the author is blocked until a date or indefinitely; their sessions end on their next
     * request and their content stays.
     *
     * @throws InvalidSanction when the reason or date is wrong; nothing changes
     */
    public void block(StaffActor actor, long flagId, String reason, java.time.LocalDate until) {
        Row flag = claim(flagId);
        sanctions.blockMember(actor, flag.authorId(), reason, until);
        close(actor, flag, Resolution.BLOCKED, reason);
    }

    /** Delete: a post (kept as a revision for staff) or a whole topic. */
    public void delete(StaffActor actor, long flagId, String reason) {
        Row flag = claim(flagId);
        switch (flag.targetType()) {
            case POST -> content.deletePost(forumActor(actor), flag.targetId(), reason);
            case TOPIC -> content.deleteTopic(forumActor(actor), flag.targetId(), reason);
            default -> throw new NotFoundException();
        }
        close(actor, flag, Resolution.DELETED, reason);
    }

    private long postOf(Row flag) {
        return switch (flag.targetType()) {
            case POST -> flag.targetId();
            case TOPIC -> content.question(flag.targetId()).map(PostExcerpt::id).orElseThrow(NotFoundException::new);
            default -> throw new NotFoundException();
        };
    }

    Posting.Actor forumActor(StaffActor actor) {
        return new Posting.Actor(access.reader(actor.userId(), true), actor.label());
    }

    /** Closes the item with who, when and why, tells each reporter, and audits the act. */
    void close(StaffActor actor, Row flag, Resolution resolution, String reason) {
        jdbc.sql(
                        """
                        update flag set status = 'HANDLED', resolution = ?, resolution_note = ?, resolved_by = ?,
                            resolved_at = ? where id = ?""")
                .params(resolution.name(), reason, actor.userId(), OffsetDateTime.now(clock), flag.id())
                .update();
        events.publishEvent(new Acted(
                actor,
                "moderation.flag.resolved",
                "flag",
                flag.id(),
                reason,
                Map.of(
                        "resolution",
                        resolution.name(),
                        "target",
                        flag.targetType().name().toLowerCase() + ":" + flag.targetId())));
        tellReporters(flag, resolution);
    }

    record Reporter(String email, String locale) {}

    private void tellReporters(Row flag, Resolution resolution) {
        List<Reporter> reporters = jdbc.sql(
                        """
                        select u.email, u.locale from flag_report r join app_user u on u.id = r.reporter_id
                        where r.flag_id = ? and u.status = 'ACTIVE'""")
                .param(flag.id())
                .query(Rows.of(Reporter.class))
                .list();
        for (Reporter r : reporters) {
            Locale l = Locale.of(r.locale());
            String kind = messages.getMessage(
                    "moderation.target." + flag.targetType().name().toLowerCase(), null, l);
            mailer.send(MailMessage.to(r.email(), l)
                    .kind("moderation.flag-handled")
                    .subject(messages.getMessage("moderation.mail.handled.subject", null, l))
                    .paragraph(
                            messages.getMessage("moderation.mail.handled.text", new Object[] {kind, flag.label()}, l))
                    .paragraph(messages.getMessage(
                            resolution == Resolution.DISMISSED
                                    ? "moderation.mail.handled.dismissed"
                                    : "moderation.mail.handled.acted",
                            null,
                            l))
                    .build());
        }
    }

    /** A moderation act for the audit log (S8). */
    public record Acted(
            long actorId,
            String actorLabel,
            String action,
            String targetType,
            long targetId,
            Map<String, String> details)
            implements Audited {

        Acted(StaffActor actor, String action, String targetType, long targetId, String reason) {
            this(actor, action, targetType, targetId, reason, Map.of());
        }

        Acted(
                StaffActor actor,
                String action,
                String targetType,
                long targetId,
                String reason,
                Map<String, String> more) {
            this(actor.userId(), actor.label(), action, targetType, targetId, withReason(more, reason));
        }

        private static Map<String, String> withReason(Map<String, String> more, String reason) {
            var all = new java.util.HashMap<>(more);
            all.put("reason", reason == null ? "" : reason);
            return Map.copyOf(all);
        }

        @Override
        public AuditFacts audit() {
            return new AuditFacts(actorId, actorLabel, action, targetType, Long.toString(targetId), null, details);
        }
    }
}
