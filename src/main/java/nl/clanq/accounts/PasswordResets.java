package nl.clanq.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Single-use links to set a password: a reset link valid 30 minutes (S7, G4), and the first staff
 * account's set-password link. Only a hash of the token is stored.
 */
@Service
@Transactional
public class PasswordResets {

    static final Duration RESET_VALIDITY = Duration.ofMinutes(30);

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final AccountMail mail;
    private final Clock clock;

    PasswordResets(JdbcClient jdbc, Accounts accounts, AccountMail mail, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.mail = mail;
        this.clock = clock;
    }

    /**
     * Mails a reset link when the address belongs to an active account, and does nothing
     * otherwise: the caller answers the same either way (G4).
     */
    public void requestReset(String email) {
        accounts.findByEmail(email).filter(UserView::active).ifPresent(user -> {
            String token = newToken(user.id(), RESET_VALIDITY);
            mail.resetLink(user.email(), user.locale(), "/password/reset/" + token);
        });
    }

    /** A new single-use token for {@code userId}; returns the secret for the link. */
    public String newToken(long userId, Duration validity) {
        OffsetDateTime now = now();
        jdbc.sql("update password_token set used_at = ? where user_id = ? and used_at is null")
                .params(now, userId)
                .update();
        String token = Tokens.newToken();
        jdbc.sql("insert into password_token (user_id, token_hash, expires_at) values (?, ?, ?)")
                .params(userId, Tokens.hash(token), now.plus(validity))
                .update();
        return token;
    }

    /** The account a still-valid token belongs to. */
    @Transactional(readOnly = true)
    public Optional<UserView> holder(String token) {
        return jdbc.sql(
                        """
                        select user_id from password_token
                        where token_hash = ? and used_at is null and expires_at > ?""")
                .params(Tokens.hash(token == null ? "" : token), now())
                .query(Long.class)
                .optional()
                .flatMap(accounts::find)
                .filter(UserView::active);
    }

    /** Uses the token to set the password; every session of the account ends. */
    public boolean reset(String token, String newPassword) {
        Optional<UserView> user = holder(token);
        if (user.isEmpty()) {
            return false;
        }
        jdbc.sql("update password_token set used_at = ? where token_hash = ?")
                .params(now(), Tokens.hash(token))
                .update();
        accounts.setPassword(user.get().id(), newPassword, null);
        if (!user.get().emailVerified()) {
            // The link reached their inbox: that confirms the address too.
            accounts.confirmEmail(user.get().id());
        }
        return true;
    }

    /** The current time as the JDBC driver binds it (it does not bind {@code Instant}). */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
