package nl.clanq.moderation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.LoginPolicy.BlockNotice;
import nl.clanq.accounts.UserView;
import nl.clanq.mail.MailMessage;
import nl.clanq.mail.Mailer;
import nl.clanq.messaging.Messaging;
import nl.clanq.moderation.MemberRecord.Block;
import nl.clanq.moderation.MemberRecord.Note;
import nl.clanq.moderation.MemberRecord.Warning;
import nl.clanq.organisations.Organisations;
import nl.clanq.organisations.Views.OrganisationView;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * C10: the terms of use, enforced. Staff block a member, and administrators a whole organisation,
 * with a reason, until a date or indefinitely; staff warn members with a message from Clanqbeheer
 * and keep private notes on them. Staff themselves are never blocked.
 *
 * <p>A block applies until the start of its end date in Dutch time, or until it is lifted; nothing
 * has to run when the date passes. An organisation's block is kept apart from the personal blocks
 * of its people and asked for together with them: lifting it leaves a personal block in force, and
 * a person who joins a blocked organisation is blocked at once. Blocked people keep their posts and
 * messages; their sessions end at their next request ({@link BlockPolicy}).
 *
 * <p>Every act validates its input first and writes nothing when it is invalid ({@link
 * InvalidSanction}); each is audited (S8). Unknown members and staff answer 404.
 */
@Service
@Transactional
public class Sanctions {

    public static final int REASON_MAX = 500;
    public static final int TEXT_MAX = 5_000;
    public static final int SUBJECT_MAX = 150;

    /** Block end dates are days in Dutch time. */
    public static final ZoneId TIME_ZONE = ZoneId.of("Europe/Amsterdam");

    private static final String BLOCK_COLUMNS =
            "b.id, b.reason, b.until, u.first_name || ' ' || u.last_name as by_name, b.blocked_at";

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Organisations organisations;
    private final Messaging messaging;
    private final Mailer mailer;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Sanctions(
            JdbcClient jdbc,
            Accounts accounts,
            Organisations organisations,
            Messaging messaging,
            Mailer mailer,
            MessageSource messages,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.organisations = organisations;
        this.messaging = messaging;
        this.mailer = mailer;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Blocks the member from now until the start of {@code until} (Dutch time), or indefinitely
     * when it is {@code null}. A block already in force is replaced by this one.
     */
    public void blockMember(StaffActor actor, long userId, String reason, LocalDate until) {
        Map<String, String> problems = new LinkedHashMap<>();
        checkReason(reason, problems);
        checkUntil(until, problems);
        UserView member = member(userId);
        refuseIf(problems);
        long id = jdbc.sql(
                        """
                        insert into user_block (user_id, reason, until, blocked_by, blocked_at)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(userId, reason.strip(), until, actor.userId(), now())
                .query(Long.class)
                .single();
        jdbc.sql(
                        """
                        update user_block set lifted_at = ?, lifted_by = ?, superseded_by = ?
                        where user_id = ? and lifted_at is null and id <> ?""")
                .params(now(), actor.userId(), id, userId, id)
                .update();
        publish(
                actor,
                "moderation.member.blocked",
                "user",
                userId,
                organisationIdOf(userId),
                Map.of("member", member.auditLabel(), "reason", reason.strip(), "until", untilText(until)));
    }

    /** Lifts the member's own block (not their organisation's); 404 when none is in force. */
    public void unblockMember(StaffActor actor, long userId, String reason) {
        Map<String, String> problems = new LinkedHashMap<>();
        checkReason(reason, problems);
        UserView member = member(userId);
        refuseIf(problems);
        if (activeUserBlock(userId).isEmpty()) {
            throw new NotFoundException();
        }
        jdbc.sql(
                        """
                        update user_block set lifted_at = ?, lifted_by = ?, lift_reason = ?
                        where user_id = ? and lifted_at is null""")
                .params(now(), actor.userId(), reason.strip(), userId)
                .update();
        publish(
                actor,
                "moderation.member.unblocked",
                "user",
                userId,
                organisationIdOf(userId),
                Map.of("member", member.auditLabel(), "reason", reason.strip()));
    }

    /**
     * Administrators only (anyone else: 404): blocks every person of the organisation, now and
     * whoever joins while it lasts, and mails the owner the reason and the end date.
     */
    public void blockOrganisation(StaffActor actor, long organisationId, String reason, LocalDate until) {
        requireAdministrator(actor);
        Map<String, String> problems = new LinkedHashMap<>();
        checkReason(reason, problems);
        checkUntil(until, problems);
        OrganisationView organisation = organisations.get(organisationId);
        refuseIf(problems);
        long id = jdbc.sql(
                        """
                        insert into organisation_block (organisation_id, reason, until, blocked_by, blocked_at)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(organisationId, reason.strip(), until, actor.userId(), now())
                .query(Long.class)
                .single();
        jdbc.sql(
                        """
                        update organisation_block set lifted_at = ?, lifted_by = ?, superseded_by = ?
                        where organisation_id = ? and lifted_at is null and id <> ?""")
                .params(now(), actor.userId(), id, organisationId, id)
                .update();
        UserView owner = accounts.get(organisation.ownerUserId());
        Locale l = owner.preferredLocale();
        mailer.send(MailMessage.to(owner.email(), l)
                .kind("moderation.organisation-blocked")
                .subject(t("sanctions.mail.organisationBlocked.subject", l, organisation.name()))
                .paragraph(t("sanctions.mail.organisationBlocked.text", l, organisation.name()))
                .paragraph(t("sanctions.mail.reason", l, reason.strip()))
                .paragraph(
                        until == null
                                ? t("sanctions.mail.indefinitely", l)
                                : t("sanctions.mail.until", l, MemberRecord.dateText(until, l)))
                .paragraph(t("sanctions.mail.contact", l))
                .build());
        publish(
                actor,
                "moderation.organisation.blocked",
                "organisation",
                organisationId,
                organisationId,
                Map.of(
                        "organisation",
                        organisation.name(),
                        "reason",
                        reason.strip(),
                        "until",
                        untilText(until),
                        "people",
                        Integer.toString(organisations.people(organisationId).size())));
    }

    /**
     * Administrators only: lifts the organisation's block; its people who are blocked on their own
     * stay blocked. The owner hears of it by mail. 404 when no block is in force.
     */
    public void unblockOrganisation(StaffActor actor, long organisationId, String reason) {
        requireAdministrator(actor);
        Map<String, String> problems = new LinkedHashMap<>();
        checkReason(reason, problems);
        OrganisationView organisation = organisations.get(organisationId);
        refuseIf(problems);
        if (organisationBlock(organisationId).isEmpty()) {
            throw new NotFoundException();
        }
        jdbc.sql(
                        """
                        update organisation_block set lifted_at = ?, lifted_by = ?, lift_reason = ?
                        where organisation_id = ? and lifted_at is null""")
                .params(now(), actor.userId(), reason.strip(), organisationId)
                .update();
        UserView owner = accounts.get(organisation.ownerUserId());
        Locale l = owner.preferredLocale();
        mailer.send(MailMessage.to(owner.email(), l)
                .kind("moderation.organisation-unblocked")
                .subject(t("sanctions.mail.organisationUnblocked.subject", l, organisation.name()))
                .paragraph(t("sanctions.mail.organisationUnblocked.text", l, organisation.name()))
                .action(t("sanctions.mail.organisationUnblocked.action", l), mailer.link("/login"))
                .build());
        publish(
                actor,
                "moderation.organisation.unblocked",
                "organisation",
                organisationId,
                organisationId,
                Map.of("organisation", organisation.name(), "reason", reason.strip()));
    }

    /**
     * Warns the member: a message from Clanqbeheer that they read among their messages and can
     * answer, and a counted warning. {@code flagId} names the review-queue flag it answers, if any.
     *
     * @return the warning's id
     */
    public long warn(StaffActor actor, long userId, String subject, String text, Long flagId) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (subject == null || subject.isBlank()) {
            problems.put("subject", "sanctions.subject.required");
        } else if (subject.strip().length() > SUBJECT_MAX) {
            problems.put("subject", "sanctions.subject.tooLong");
        }
        checkText(text, problems);
        UserView member = member(userId);
        refuseIf(problems);
        long conversationId = messaging.fromStaff(actor.userId(), userId, subject.strip(), text.strip());
        Long organisationId = organisationIdOf(userId);
        long id = jdbc.sql(
                        """
                        insert into member_warning (user_id, organisation_id, subject, conversation_id, flag_id,
                                                    warned_by, warned_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(userId, organisationId, subject.strip(), conversationId, flagId, actor.userId(), now())
                .query(Long.class)
                .single();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("member", member.auditLabel());
        details.put("subject", subject.strip());
        details.put("warning", Long.toString(id));
        details.put("conversation", Long.toString(conversationId));
        if (flagId != null) {
            details.put("flag", Long.toString(flagId));
        }
        publish(actor, "moderation.member.warned", "user", userId, organisationId, details);
        return id;
    }

    /**
     * A private staff note on the member. The audit entry says only that a note was written, and
     * carries no organisation, so that it never appears in the owner's view of the audit log.
     */
    public void addNote(StaffActor actor, long userId, String text) {
        Map<String, String> problems = new LinkedHashMap<>();
        checkText(text, problems);
        UserView member = member(userId);
        refuseIf(problems);
        long id = jdbc.sql(
                        """
                        insert into staff_note (user_id, body, written_by, written_at)
                        values (?, ?, ?, ?) returning id""")
                .params(userId, text.strip(), actor.userId(), now())
                .query(Long.class)
                .single();
        publish(
                actor,
                "moderation.member.noted",
                "user",
                userId,
                null,
                Map.of("member", member.auditLabel(), "note", Long.toString(id)));
    }

    /** What staff know about the member's conduct; empty for people without any. */
    @Transactional(readOnly = true)
    public MemberRecord record(long userId) {
        List<Warning> warnings = jdbc.sql(
                        """
                        select w.id, w.subject, w.conversation_id, w.flag_id,
                               u.first_name || ' ' || u.last_name as by_name, w.warned_at
                        from member_warning w join app_user u on u.id = w.warned_by
                        where w.user_id = ? order by w.warned_at desc, w.id desc""")
                .param(userId)
                .query((rs, n) -> new Warning(
                        rs.getLong("id"),
                        rs.getString("subject"),
                        rs.getLong("conversation_id"),
                        rs.getObject("flag_id", Long.class),
                        rs.getString("by_name"),
                        rs.getObject("warned_at", OffsetDateTime.class).toInstant()))
                .list();
        List<Note> notes = jdbc.sql(
                        """
                        select n.id, n.body, u.first_name || ' ' || u.last_name as by_name, n.written_at
                        from staff_note n join app_user u on u.id = n.written_by
                        where n.user_id = ? order by n.written_at desc, n.id desc""")
                .param(userId)
                .query((rs, n) -> new Note(
                        rs.getLong("id"),
                        rs.getString("body"),
                        rs.getString("by_name"),
                        rs.getObject("written_at", OffsetDateTime.class).toInstant()))
                .list();
        return new MemberRecord(
                activeUserBlock(userId).orElse(null),
                organisationBlockOfUser(userId).orElse(null),
                warnings.size(),
                warnings,
                notes);
    }

    @Transactional(readOnly = true)
    public int warningCount(long userId) {
        return jdbc.sql("select count(*) from member_warning where user_id = ?")
                .param(userId)
                .query(Integer.class)
                .single();
    }

    /** Whether the person may not use Clanq now: their own or their organisation's block is in force. */
    // Asked on every signed-in request: one statement, no transaction of its own.
    @Transactional(propagation = Propagation.SUPPORTS)
    public boolean isBlocked(long userId) {
        return jdbc.sql(
                        """
                        select (exists (select 1 from user_block b
                                        where b.user_id = :u and b.lifted_at is null
                                          and (b.until is null or b.until > :today))
                                or exists (select 1 from organisation_block b
                                           join organisation_member m on m.organisation_id = b.organisation_id
                                                and m.status = 'ACTIVE'
                                           where m.user_id = :u and b.lifted_at is null
                                             and (b.until is null or b.until > :today)))
                           and not exists (select 1 from app_user where id = :u and staff_role is not null)""")
                .param("u", userId)
                .param("today", today())
                .query(Boolean.class)
                .single();
    }

    /** The organisation's block in force, if any. */
    @Transactional(readOnly = true)
    public Optional<Block> organisationBlock(long organisationId) {
        return jdbc.sql(
                        "select " + BLOCK_COLUMNS
                                + """
                         from organisation_block b join app_user u on u.id = b.blocked_by
                        where b.organisation_id = ? and b.lifted_at is null and (b.until is null or b.until > ?)
                        order by b.blocked_at desc, b.id desc limit 1""")
                .params(organisationId, today())
                .query(Sanctions::block)
                .optional();
    }

    /** The organisation's people who are blocked on their own (they stay blocked when it is unblocked). */
    @Transactional(readOnly = true)
    public List<BlockedMember> blockedMembers(long organisationId) {
        return jdbc.sql(
                        """
                        select distinct on (u.id) u.id, u.first_name || ' ' || u.last_name as name, b.reason, b.until
                        from user_block b
                        join organisation_member m on m.user_id = b.user_id and m.status = 'ACTIVE'
                        join app_user u on u.id = b.user_id
                        where m.organisation_id = ? and b.lifted_at is null and (b.until is null or b.until > ?)
                        order by u.id, b.blocked_at desc""")
                .params(organisationId, today())
                .query((rs, n) -> new BlockedMember(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("reason"),
                        rs.getObject("until", LocalDate.class)))
                .list();
    }

    /** Staff look members up by name or email address; staff themselves are not listed. */
    @Transactional(readOnly = true)
    public List<MemberRow> findMembers(String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return List.of();
        }
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql(
                        """
                        select u.id as user_id, u.first_name || ' ' || u.last_name as name, u.email,
                               coalesce(o.name, '') as organisation,
                               (exists (select 1 from user_block b where b.user_id = u.id and b.lifted_at is null
                                          and (b.until is null or b.until > :today))
                                or exists (select 1 from organisation_block b where b.organisation_id = o.id
                                             and b.lifted_at is null and (b.until is null or b.until > :today)))
                                   as blocked,
                               (select count(*) from member_warning w where w.user_id = u.id)::int as warnings
                        from app_user u
                        left join organisation_member m on m.user_id = u.id and m.status = 'ACTIVE'
                        left join organisation o on o.id = m.organisation_id
                        where u.staff_role is null
                          and (lower(u.first_name || ' ' || u.last_name) like :q or u.email like :q
                               or lower(coalesce(o.name, '')) like :q)
                        order by lower(u.last_name), lower(u.first_name), u.id
                        limit 100""")
                .param("q", like)
                .param("today", today())
                .query(Rows.of(MemberRow.class))
                .list();
    }

    /** What the blocked person reads (the block that lasts longest, their own on a tie). */
    @Transactional(readOnly = true)
    public Optional<BlockNotice> blockNotice(long userId) {
        if (!isBlocked(userId)) {
            return Optional.empty();
        }
        Comparator<BlockNotice> longest =
                Comparator.comparing(BlockNotice::until, Comparator.nullsLast(Comparator.<LocalDate>naturalOrder()));
        return Stream.concat(
                        activeUserBlock(userId).map(b -> new BlockNotice(b.reason(), b.until(), false)).stream(),
                        organisationBlockOfUser(userId).map(b -> new BlockNotice(b.reason(), b.until(), true)).stream())
                .reduce((own, organisation) -> longest.compare(organisation, own) > 0 ? organisation : own);
    }

    private Optional<Block> activeUserBlock(long userId) {
        return jdbc.sql(
                        "select " + BLOCK_COLUMNS
                                + """
                         from user_block b join app_user u on u.id = b.blocked_by
                        where b.user_id = ? and b.lifted_at is null and (b.until is null or b.until > ?)
                        order by b.blocked_at desc, b.id desc limit 1""")
                .params(userId, today())
                .query(Sanctions::block)
                .optional();
    }

    private Optional<Block> organisationBlockOfUser(long userId) {
        return organisations.ofUser(userId).flatMap(o -> organisationBlock(o.id()));
    }

    private static Block block(ResultSet rs, int row) throws SQLException {
        return new Block(
                rs.getLong("id"),
                rs.getString("reason"),
                rs.getObject("until", LocalDate.class),
                rs.getString("by_name"),
                rs.getObject("blocked_at", OffsetDateTime.class).toInstant());
    }

    /** A member: an existing person who is not staff. */
    private UserView member(long userId) {
        return accounts.find(userId).filter(u -> !u.staff()).orElseThrow(NotFoundException::new);
    }

    private static void requireAdministrator(StaffActor actor) {
        if (actor == null || !actor.administrator()) {
            throw new NotFoundException();
        }
    }

    private Long organisationIdOf(long userId) {
        return organisations.ofUser(userId).map(OrganisationView::id).orElse(null);
    }

    private static void checkReason(String reason, Map<String, String> problems) {
        if (reason == null || reason.isBlank()) {
            problems.put("reason", "sanctions.reason.required");
        } else if (reason.strip().length() > REASON_MAX) {
            problems.put("reason", "sanctions.reason.tooLong");
        }
    }

    private void checkUntil(LocalDate until, Map<String, String> problems) {
        if (until != null && !until.isAfter(today())) {
            problems.put("until", "sanctions.until.future");
        }
    }

    private static void checkText(String text, Map<String, String> problems) {
        if (text == null || text.isBlank()) {
            problems.put("text", "sanctions.text.required");
        } else if (text.strip().length() > TEXT_MAX) {
            problems.put("text", "sanctions.text.tooLong");
        }
    }

    private static void refuseIf(Map<String, String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidSanction(problems);
        }
    }

    private void publish(
            StaffActor actor,
            String action,
            String targetType,
            long targetId,
            Long organisationId,
            Map<String, String> details) {
        events.publishEvent(new SanctionRecorded(
                actor.userId(), actor.label(), action, targetType, targetId, organisationId, details));
    }

    private static String untilText(LocalDate until) {
        return until == null ? "indefinitely" : until.toString();
    }

    private String t(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** Today in Dutch time: a block ends when this date reaches its end date. */
    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), TIME_ZONE);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
