package nl.clanq.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import nl.clanq.shared.db.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Six-digit codes sent by email to confirm an address: valid 15 minutes, 5 attempts, a resend at
 * most once a minute. Only a hash of the code is stored.
 */
@Service
@Transactional
public class EmailCodes {

    static final Duration VALIDITY = Duration.ofMinutes(15);
    static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);
    static final int MAX_ATTEMPTS = 5;

    private final JdbcClient jdbc;
    private final AccountMail mail;
    private final Clock clock;

    EmailCodes(JdbcClient jdbc, AccountMail mail, Clock clock) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.clock = clock;
    }

    public enum Purpose {
        REGISTRATION,
        EMAIL_CHANGE
    }

    public enum Outcome {
        CONFIRMED,
        WRONG,
        EXPIRED,
        TOO_MANY_ATTEMPTS
    }

    /** Replaces any earlier code for this purpose and mails a new one to {@code email}. */
    public void issue(long userId, Purpose purpose, String email, String locale) {
        OffsetDateTime now = now();
        jdbc.sql("update email_code set used_at = ? where user_id = ? and purpose = ? and used_at is null")
                .params(now, userId, purpose.name())
                .update();
        String code = Tokens.newCode();
        jdbc.sql(
                        """
                        insert into email_code (user_id, purpose, email, code_hash, expires_at, last_sent_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(userId, purpose.name(), email, Tokens.hash(code), now.plus(VALIDITY), now)
                .update();
        mail.code(email, locale, code, purpose);
    }

    /**
     * Sends a fresh code for the open request, unless the last one went out less than a minute ago.
     * Answers false when nothing was sent.
     */
    public boolean resend(long userId, Purpose purpose, String locale) {
        Optional<Open> open = open(userId, purpose);
        if (open.isEmpty() || open.get().lastSentAt().plus(RESEND_INTERVAL).isAfter(clock.instant())) {
            return false;
        }
        issue(userId, purpose, open.get().email(), locale);
        return true;
    }

    /** Checks a code; the email address it was sent to is in the answer when confirmed. */
    public Result verify(long userId, Purpose purpose, String code) {
        Optional<Open> found = open(userId, purpose);
        if (found.isEmpty()) {
            return new Result(Outcome.EXPIRED, null, 0);
        }
        Open open = found.get();
        if (open.expiresAt().isBefore(clock.instant())) {
            return new Result(Outcome.EXPIRED, null, 0);
        }
        if (open.attempts() >= MAX_ATTEMPTS) {
            return new Result(Outcome.TOO_MANY_ATTEMPTS, null, 0);
        }
        String given = code == null ? "" : code.replaceAll("\\s", "");
        if (!Tokens.matches(given, open.codeHash())) {
            jdbc.sql("update email_code set attempts = attempts + 1 where id = ?")
                    .param(open.id())
                    .update();
            int left = MAX_ATTEMPTS - open.attempts() - 1;
            return new Result(left > 0 ? Outcome.WRONG : Outcome.TOO_MANY_ATTEMPTS, null, left);
        }
        jdbc.sql("update email_code set used_at = ? where id = ?")
                .params(now(), open.id())
                .update();
        return new Result(Outcome.CONFIRMED, open.email(), 0);
    }

    /** The address the open code was sent to, if there is one. */
    @Transactional(readOnly = true)
    public Optional<String> pendingAddress(long userId, Purpose purpose) {
        return open(userId, purpose).map(Open::email);
    }

    private Optional<Open> open(long userId, Purpose purpose) {
        return jdbc.sql(
                        """
                        select id, email, code_hash, attempts, expires_at, last_sent_at from email_code
                        where user_id = ? and purpose = ? and used_at is null
                        order by id desc limit 1 for update""")
                .params(userId, purpose.name())
                .query(Rows.of(Open.class))
                .optional();
    }

    record Open(long id, String email, String codeHash, int attempts, Instant expiresAt, Instant lastSentAt) {}

    /** The outcome; {@code attemptsLeft} matters when the code was wrong. */
    public record Result(Outcome outcome, String email, int attemptsLeft) {}

    /** The current time as the JDBC driver binds it (it does not bind {@code Instant}). */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
