package nl.clanq.messaging;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.clanq.messaging.MessagingViews.ConversationRow;
import nl.clanq.messaging.MessagingViews.ConversationView;
import nl.clanq.messaging.MessagingViews.MessageView;
import nl.clanq.messaging.MessagingViews.Participant;
import nl.clanq.organisations.Organisations;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;
import nl.clanq.shared.crypto.SecretCipher;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.markdown.Markdown;
import nl.clanq.shared.throttle.Throttle;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conversations and their messages (C9, C17). Every read and write checks on the server that the
 * person takes part (or, for the staff inbox, is staff); anything else answers 404 (S9). Bodies are
 * encrypted with the current key before they are stored (S6) and decrypted only to show them.
 */
@Service
// A rate limit is checked before anything is written: it must not doom the caller's transaction.
@Transactional(noRollbackFor = nl.clanq.shared.throttle.TooManyRequestsException.class)
public class Messaging {

    public static final int MAX_RECIPIENTS = 9;
    public static final int BODY_MAX = 20_000;
    public static final int PAGE = 200;

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Markdown markdown;
    private final Organisations organisations;
    private final Throttle throttle;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final MessagingProperties limits;

    Messaging(
            MessagingProperties limits,
            JdbcClient jdbc,
            SecretCipher cipher,
            Markdown markdown,
            Organisations organisations,
            Throttle throttle,
            ApplicationEventPublisher events,
            Clock clock) {
        this.limits = limits;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.markdown = markdown;
        this.organisations = organisations;
        this.throttle = throttle;
        this.events = events;
        this.clock = clock;
    }

    /** Who acts: a member, or staff (who may answer the staff inbox as "Clanqbeheer"). */
    public record Viewer(long userId, boolean staff, String label) {}

    public enum StartProblem {
        NO_RECIPIENTS,
        TOO_MANY,
        NOT_REACHABLE
    }

    /** Why a conversation cannot start, for the form; {@code null} when it can. */
    public record Start(Long conversationId, StartProblem problem) {}

    /**
     * C9: a member starts a conversation with 1 to 9 members of their communities, and/or the staff
     * inbox (C17). A recipient who blocked the member is "not reachable" — nothing more is said.
     */
    public Start start(Viewer viewer, Set<Long> recipients, boolean toStaff, String subject, String body) {
        Set<Long> others = new LinkedHashSet<>(recipients);
        others.remove(viewer.userId());
        if (others.isEmpty() && !toStaff) {
            return new Start(null, StartProblem.NO_RECIPIENTS);
        }
        if (others.size() > MAX_RECIPIENTS) {
            return new Start(null, StartProblem.TOO_MANY);
        }
        for (long other : others) {
            if (!reachable(viewer, other)) {
                return new Start(null, StartProblem.NOT_REACHABLE);
            }
        }
        throttle.attempt("conversations", limits.conversationsPerDay(), limits.day(), Long.toString(viewer.userId()));
        throttle.attempt(
                "messages",
                limits.messagesPerMinute(),
                java.time.Duration.ofMinutes(1),
                Long.toString(viewer.userId()));
        OffsetDateTime now = now();
        long id = jdbc.sql(
                        """
                        insert into conversation (subject, created_by, created_at, last_message_at, staff_inbox)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(subject.strip(), viewer.userId(), now, now, toStaff)
                .query(Long.class)
                .single();
        Set<Long> everyone = new HashSet<>(others);
        everyone.add(viewer.userId());
        for (long user : everyone) {
            jdbc.sql("insert into conversation_participant (conversation_id, user_id, joined_at) values (?, ?, ?)")
                    .params(id, user, now)
                    .update();
        }
        insertMessage(id, viewer.userId(), false, body, now);
        return new Start(id, null);
    }

    /**
     * C10, C17: staff write to a member as "Clanqbeheer" (a warning, for instance): a conversation
     * of the staff inbox with the member as its only participant, so that it appears among the
     * member's messages from Clanqbeheer and the member can answer it; every staff person can read
     * and answer it in the staff inbox. No rate limit: staff acts are audited by their callers.
     *
     * @return the new conversation's id
     */
    public long fromStaff(long staffUserId, long memberId, String subject, String body) {
        OffsetDateTime now = now();
        long id = jdbc.sql(
                        """
                        insert into conversation (subject, created_by, created_at, last_message_at, staff_inbox)
                        values (?, ?, ?, ?, true) returning id""")
                .params(subject.strip(), staffUserId, now, now)
                .query(Long.class)
                .single();
        jdbc.sql("insert into conversation_participant (conversation_id, user_id, joined_at) values (?, ?, ?)")
                .params(id, memberId, now)
                .update();
        insertMessage(id, staffUserId, true, body, now);
        return id;
    }

    /** A member may message another when they share a community and neither blocked the other. */
    public boolean reachable(Viewer viewer, long other) {
        if (viewer.staff()) {
            return false; // staff write as "Clanqbeheer", from the staff inbox
        }
        Set<Long> shared = new HashSet<>(organisations.communities(viewer.userId()));
        shared.retainAll(organisations.communities(other));
        boolean blocked = jdbc.sql("select count(*) from member_block where blocker_id = ? and blocked_id = ?")
                        .params(other, viewer.userId())
                        .query(Integer.class)
                        .single()
                > 0;
        return !shared.isEmpty() && !blocked;
    }

    public void send(Viewer viewer, long conversationId, String body) {
        ConversationView c = conversation(viewer, conversationId, false);
        if (!c.mayPost()) {
            throw new NotFoundException();
        }
        throttle.attempt(
                "messages",
                limits.messagesPerMinute(),
                java.time.Duration.ofMinutes(1),
                Long.toString(viewer.userId()));
        insertMessage(conversationId, viewer.userId(), viewer.staff(), body, now());
    }

    private void insertMessage(long conversationId, long authorId, boolean asStaff, String body, OffsetDateTime at) {
        String encrypted = cipher.encrypt(body, context(conversationId));
        long id = jdbc.sql(
                        """
                        insert into message (conversation_id, author_id, as_staff_inbox, body_encrypted, key_id, created_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(conversationId, authorId, asStaff, encrypted, cipher.currentKeyId(), at)
                .query(Long.class)
                .single();
        jdbc.sql("update conversation set last_message_at = ? where id = ?")
                .params(at, conversationId)
                .update();
        jdbc.sql("update conversation_participant set last_read_id = ? where conversation_id = ? and user_id = ?")
                .params(id, conversationId, authorId)
                .update();
        // Told to every node's live streams when the transaction commits (and never if it rolls back).
        jdbc.sql(
                        """
                        select pg_notify('clanq_live', p.user_id || ':' || p.conversation_id)
                        from conversation_participant p
                        where p.conversation_id = ? and p.user_id <> ? and p.left_at is null""")
                .params(conversationId, authorId)
                .query()
                .listOfRows();
        events.publishEvent(new MessageSent(conversationId, id, authorId));
    }

    static String context(long conversationId) {
        return "message:" + conversationId;
    }

    /** The viewer's conversations: unread first, then by latest message. */
    @Transactional(readOnly = true)
    public List<ConversationRow> conversations(Viewer viewer) {
        return jdbc.sql(
                        """
                        select c.id, c.subject,
                               coalesce((select string_agg(u.first_name || ' ' || u.last_name, ', ' order by u.last_name)
                                         from conversation_participant o join app_user u on u.id = o.user_id
                                         where o.conversation_id = c.id and o.user_id <> :u), '') as participants,
                               c.last_message_at,
                               (select count(*) from message m where m.conversation_id = c.id and m.id > p.last_read_id
                                  and m.author_id <> :u)::int as unread,
                               c.staff_inbox, p.muted, p.left_at is not null as left, c.status, null as assigned_to
                        from conversation_participant p join conversation c on c.id = p.conversation_id
                        where p.user_id = :u
                        order by (select count(*) from message m where m.conversation_id = c.id and m.id > p.last_read_id
                                    and m.author_id <> :u) > 0 desc, c.last_message_at desc
                        limit 200""")
                .param("u", viewer.userId())
                .query(Rows.of(ConversationRow.class))
                .list();
    }

    /** C17: the staff inbox, open conversations first. */
    @Transactional(readOnly = true)
    public List<ConversationRow> staffInbox(Viewer viewer) {
        if (!viewer.staff()) {
            throw new NotFoundException();
        }
        return jdbc.sql(
                        """
                        select c.id, c.subject,
                               (select string_agg(u.first_name || ' ' || u.last_name, ', ') from conversation_participant o
                                join app_user u on u.id = o.user_id where o.conversation_id = c.id) as participants,
                               c.last_message_at, 0 as unread, true as staff_inbox, false as muted, false as left, c.status,
                               (select a.first_name || ' ' || a.last_name from app_user a where a.id = c.assigned_to) as assigned_to
                        from conversation c where c.staff_inbox
                        order by c.status = 'OPEN' desc, c.last_message_at desc limit 200""")
                .query(Rows.of(ConversationRow.class))
                .list();
    }

    /** Messages not read yet, over all of the person's conversations (the header badge). */
    @Transactional(readOnly = true)
    public int unreadCount(long userId) {
        return jdbc.sql(
                        """
                        select count(*) from conversation_participant p join message m on m.conversation_id = p.conversation_id
                        where p.user_id = ? and m.id > p.last_read_id and m.author_id <> p.user_id""")
                .param(userId)
                .query(Integer.class)
                .single();
    }

    /** A conversation the viewer may open; reading it marks it read. */
    public ConversationView conversation(Viewer viewer, long id, boolean markRead) {
        record Row(long id, String subject, boolean staffInbox, String status, Long assignedTo) {}
        Row c = jdbc.sql("select id, subject, staff_inbox, status, assigned_to from conversation where id = ?")
                .param(id)
                .query(Rows.of(Row.class))
                .optional()
                .orElseThrow(NotFoundException::new);
        record Self(boolean left, boolean muted) {}
        Self self = jdbc.sql(
                        """
                        select left_at is not null as left, muted from conversation_participant
                        where conversation_id = ? and user_id = ?""")
                .params(id, viewer.userId())
                .query(Rows.of(Self.class))
                .optional()
                .orElse(null);
        boolean staffAccess = viewer.staff() && c.staffInbox();
        if (self == null && !staffAccess) {
            throw new NotFoundException();
        }
        List<Participant> participants = jdbc.sql(
                        """
                        select u.id as user_id, u.first_name || ' ' || u.last_name as name, coalesce(o.name, '') as organisation,
                               p.left_at is not null as left
                        from conversation_participant p join app_user u on u.id = p.user_id
                        left join organisation_member om on om.user_id = u.id and om.status = 'ACTIVE'
                        left join organisation o on o.id = om.organisation_id
                        where p.conversation_id = ? order by p.joined_at, u.id""")
                .param(id)
                .query(Rows.of(Participant.class))
                .list();
        List<MessageView> messages = jdbc.sql(
                        """
                        select m.id, m.author_id, u.first_name || ' ' || u.last_name as author_name, m.as_staff_inbox,
                               m.body_encrypted, m.created_at, m.hidden_at is not null as hidden
                        from message m join app_user u on u.id = m.author_id
                        where m.conversation_id = ? order by m.id desc limit ?""")
                .params(id, PAGE)
                .query((rs, n) -> new MessageView(
                        rs.getLong("id"),
                        rs.getLong("author_id"),
                        rs.getString("author_name"),
                        rs.getBoolean("as_staff_inbox"),
                        markdown.render(cipher.decrypt(rs.getString("body_encrypted"), context(id))),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getBoolean("hidden")))
                .list()
                .reversed();
        if (markRead && self != null && !messages.isEmpty()) {
            jdbc.sql(
                            """
                            update conversation_participant set last_read_id = greatest(last_read_id, ?), emailed_at = null
                            where conversation_id = ? and user_id = ?""")
                    .params(messages.getLast().id(), id, viewer.userId())
                    .update();
        }
        boolean open = "OPEN".equals(c.status()) || !c.staffInbox();
        boolean mayPost = open && (staffAccess || (self != null && !self.left()));
        return new ConversationView(
                c.id(),
                c.subject(),
                c.staffInbox(),
                c.status(),
                c.assignedTo(),
                participants,
                messages,
                mayPost,
                self != null && self.muted(),
                viewer.staff());
    }

    public void leave(Viewer viewer, long id) {
        participantUpdate(
                viewer,
                id,
                "update conversation_participant set left_at = now() where conversation_id = ? and user_id = ?");
    }

    public void mute(Viewer viewer, long id, boolean muted) {
        int changed = jdbc.sql(
                        "update conversation_participant set muted = ? where conversation_id = ? and user_id = ?")
                .params(muted, id, viewer.userId())
                .update();
        if (changed == 0) {
            throw new NotFoundException();
        }
    }

    private void participantUpdate(Viewer viewer, long id, String sql) {
        if (jdbc.sql(sql).params(id, viewer.userId()).update() == 0) {
            throw new NotFoundException();
        }
    }

    /** C9: a member blocks another; the blocked one can no longer start conversations with them. */
    public void block(Viewer viewer, long other, boolean blocked) {
        if (blocked) {
            jdbc.sql("insert into member_block (blocker_id, blocked_id) values (?, ?) on conflict do nothing")
                    .params(viewer.userId(), other)
                    .update();
        } else {
            jdbc.sql("delete from member_block where blocker_id = ? and blocked_id = ?")
                    .params(viewer.userId(), other)
                    .update();
        }
    }

    @Transactional(readOnly = true)
    public boolean hasBlocked(long blocker, long other) {
        return jdbc.sql("select count(*) from member_block where blocker_id = ? and blocked_id = ?")
                        .params(blocker, other)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** C17: staff assign an inbox conversation to a colleague, close or reopen it; audited. */
    public void assign(Viewer viewer, long id, Long staffId) {
        staffInboxConversation(viewer, id);
        jdbc.sql("update conversation set assigned_to = ? where id = ?")
                .params(staffId, id)
                .update();
        events.publishEvent(new InboxActed(
                viewer.userId(),
                viewer.label(),
                "messaging.inbox.assigned",
                id,
                Map.of("to", staffId == null ? "" : Long.toString(staffId))));
    }

    public void setClosed(Viewer viewer, long id, boolean closed) {
        staffInboxConversation(viewer, id);
        jdbc.sql("update conversation set status = ? where id = ?")
                .params(closed ? "CLOSED" : "OPEN", id)
                .update();
        events.publishEvent(new InboxActed(
                viewer.userId(),
                viewer.label(),
                closed ? "messaging.inbox.closed" : "messaging.inbox.reopened",
                id,
                Map.of()));
    }

    private void staffInboxConversation(Viewer viewer, long id) {
        boolean inbox = jdbc.sql("select staff_inbox from conversation where id = ?")
                .param(id)
                .query(Boolean.class)
                .optional()
                .orElse(false);
        if (!viewer.staff() || !inbox) {
            throw new NotFoundException();
        }
    }

    /** Staff people, for assigning inbox conversations. */
    @Transactional(readOnly = true)
    public List<Participant> staffPeople() {
        return jdbc.sql(
                        """
                        select id as user_id, first_name || ' ' || last_name as name, '' as organisation, false as left
                        from app_user where staff_role is not null and status = 'ACTIVE' order by last_name""")
                .query(Rows.of(Participant.class))
                .list();
    }

    /**
     * The author of a message the viewer may report: they take part in its conversation, did not
     * write it, and it is not from Clanqbeheer. Anything else is not found.
     */
    @Transactional(readOnly = true)
    public long reportableMessage(Viewer viewer, long messageId) {
        if (viewer.staff()) {
            throw new NotFoundException();
        }
        return jdbc.sql(
                        """
                        select m.author_id from message m
                        join conversation_participant p on p.conversation_id = m.conversation_id and p.user_id = ?
                        where m.id = ? and m.author_id <> ? and not m.as_staff_inbox""")
                .params(viewer.userId(), messageId, viewer.userId())
                .query(Long.class)
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    /**
     * A reported message as the review queue shows it to staff. Staff read members' conversations
     * only this way: one message that a participant chose to report.
     */
    @Transactional(readOnly = true)
    public Optional<ReportedMessage> reportedMessage(long messageId) {
        return jdbc.sql(
                        """
                        select m.id, m.conversation_id, c.subject, m.author_id, m.body_encrypted, m.created_at,
                               m.hidden_at is not null as hidden
                        from message m join conversation c on c.id = m.conversation_id where m.id = ?""")
                .param(messageId)
                .query((rs, n) -> new ReportedMessage(
                        rs.getLong("id"),
                        rs.getLong("conversation_id"),
                        rs.getString("subject"),
                        rs.getLong("author_id"),
                        markdown.render(
                                cipher.decrypt(rs.getString("body_encrypted"), context(rs.getLong("conversation_id")))),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getBoolean("hidden")))
                .optional();
    }

    public record ReportedMessage(
            long id,
            long conversationId,
            String subject,
            long authorId,
            String html,
            java.time.Instant at,
            boolean hidden) {}

    /** Staff hide a reported message: its author still reads it, the others see a notice. */
    public void hideMessage(long staffUserId, long messageId) {
        jdbc.sql("update message set hidden_at = ?, hidden_by = ? where id = ? and hidden_at is null")
                .params(now(), staffUserId, messageId)
                .update();
    }

    /** An act on the staff inbox, for the audit log (S8). */
    public record InboxActed(
            long actorId, String actorLabel, String action, long conversationId, Map<String, String> details)
            implements Audited {
        @Override
        public AuditFacts audit() {
            return new AuditFacts(
                    actorId, actorLabel, action, "conversation", Long.toString(conversationId), null, details);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
