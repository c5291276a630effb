package nl.clanq.mail.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.clanq.mail.MailMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code mail_outbox} table: written by the facade, claimed by the sender, read by staff. */
@Repository
public class MailOutbox {

    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {};
    private static final String ENTRY_COLUMNS =
            "id, kind, recipient, subject, status, attempts, next_attempt_at, last_error, created_at, sent_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    MailOutbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A mail claimed for sending; {@code attempt} fences the result against a later claim. */
    record Claimed(
            long id,
            String recipient,
            String subject,
            String bodyText,
            String bodyHtml,
            Map<String, String> headers,
            int attempt) {}

    public enum RetryOutcome {
        QUEUED,
        NOT_FAILED,
        NOT_FOUND
    }

    public long enqueue(MailMessage message, MailRenderer.Bodies bodies, Instant now) {
        return jdbc.sql(
                        """
                        insert into mail_outbox (kind, recipient, subject, body_text, body_html, headers,
                                                 status, attempts, next_attempt_at, created_at, bulk)
                        values (:kind, :recipient, :subject, :text, :html, cast(:headers as jsonb),
                                'PENDING', 0, :now, :now, :bulk)
                        returning id
                        """)
                .param("kind", message.kind())
                .param("bulk", message.bulk())
                .param("recipient", message.to())
                .param("subject", message.subject())
                .param("text", bodies.text())
                .param("html", bodies.html())
                .param("headers", json.writeValueAsString(message.headers()))
                .param("now", utc(now))
                .query(Long.class)
                .single();
    }

    /**
     * Claims up to {@code limit} due mails in one statement. {@code skip locked} lets any number of
     * nodes claim at once without waiting for or sending each other's mails; a claim is a lease
     * until {@code leaseUntil}, after which a crashed sender's mail is due again.
     */
    List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql(
                        """
                        with due as (
                            select id from mail_outbox
                            where status in ('PENDING', 'SENDING') and next_attempt_at <= :now
                            order by bulk, next_attempt_at
                            limit :limit
                            for update skip locked
                        )
                        update mail_outbox m
                        set status = 'SENDING', attempts = m.attempts + 1, next_attempt_at = :leaseUntil
                        from due
                        where m.id = due.id
                        returning m.id, m.recipient, m.subject, m.body_text, m.body_html,
                                  m.headers::text as headers, m.attempts
                        """)
                .param("now", utc(now))
                .param("leaseUntil", utc(leaseUntil))
                .param("limit", limit)
                .query((rs, row) -> new Claimed(
                        rs.getLong("id"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body_text"),
                        rs.getString("body_html"),
                        headers(rs.getString("headers")),
                        rs.getInt("attempts")))
                .list();
    }

    void markSent(Claimed mail, Instant now) {
        jdbc.sql(
                        """
                        update mail_outbox set status = 'SENT', sent_at = :now
                        where id = :id and status = 'SENDING' and attempts = :attempt
                        """)
                .param("now", utc(now))
                .param("id", mail.id())
                .param("attempt", mail.attempt())
                .update();
    }

    /** Records a failed attempt: due again at {@code nextAttemptAt}, or FAILED for good. */
    void markAttemptFailed(Claimed mail, String error, Instant nextAttemptAt, boolean giveUp) {
        jdbc.sql(
                        """
                        update mail_outbox
                        set status = :status, last_error = :error, next_attempt_at = :next
                        where id = :id and status = 'SENDING' and attempts = :attempt
                        """)
                .param("status", (giveUp ? MailStatus.FAILED : MailStatus.PENDING).name())
                .param("error", error)
                .param("next", utc(nextAttemptAt))
                .param("id", mail.id())
                .param("attempt", mail.attempt())
                .update();
    }

    /** Staff: a FAILED mail gets a fresh series of attempts, starting now. */
    public RetryOutcome retry(long id, Instant now) {
        int updated = jdbc.sql(
                        """
                        update mail_outbox set status = 'PENDING', attempts = 0, next_attempt_at = :now
                        where id = :id and status = 'FAILED'
                        """)
                .param("now", utc(now))
                .param("id", id)
                .update();
        if (updated > 0) {
            return RetryOutcome.QUEUED;
        }
        return find(id).isPresent() ? RetryOutcome.NOT_FAILED : RetryOutcome.NOT_FOUND;
    }

    /** Newest first; {@code limit} rows from {@code offset}, of the given statuses. */
    public List<OutboxEntry> list(List<MailStatus> statuses, int offset, int limit) {
        return jdbc.sql("select " + ENTRY_COLUMNS
                        + " from mail_outbox where status in (:statuses)"
                        + " order by created_at desc, id desc limit :limit offset :offset")
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> entry(rs))
                .list();
    }

    public Optional<StoredMail> find(long id) {
        return jdbc.sql("select " + ENTRY_COLUMNS
                        + ", body_text, body_html, headers::text as headers from mail_outbox where id = :id")
                .param("id", id)
                .query((rs, row) -> new StoredMail(
                        entry(rs),
                        rs.getString("body_text"),
                        rs.getString("body_html"),
                        headers(rs.getString("headers"))))
                .optional();
    }

    private static OutboxEntry entry(ResultSet rs) throws SQLException {
        return new OutboxEntry(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("recipient"),
                rs.getString("subject"),
                MailStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                instant(rs, "next_attempt_at"),
                rs.getString("last_error"),
                instant(rs, "created_at"),
                instant(rs, "sent_at"));
    }

    private Map<String, String> headers(String stored) {
        return stored == null ? Map.of() : json.readValue(stored, HEADERS);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
