package nl.clanq.accounts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import nl.clanq.shared.crypto.SecretCipher;
import nl.clanq.shared.db.Rows;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-step verification per person (S2): codes from an authenticator app (TOTP: HMAC-SHA1, six
 * digits, 30-second steps) plus ten one-time recovery codes.
 *
 * <p>The flow: {@link #startEnrolment} hands out a secret and its QR code; {@link
 * #confirmEnrolment} switches verification on once a code from the app matches and returns the
 * recovery codes, shown once; at every sign-in {@link #verify} checks a code or a recovery code.
 * The secret is stored encrypted (S6); recovery codes only as hashes.
 *
 * <p>Guessing is the caller's concern: throttle {@link #verify} and {@link #confirmEnrolment} per
 * account and per address (S11) before calling them, since a six-digit code falls to enough tries.
 * Every method joins the caller's transaction; changes publish {@link nl.clanq.shared.audit.Audited}
 * events, so their audit entries are written in that transaction. {@code actorLabel} is how the
 * person appears in the audit log ({@link UserView#auditLabel()}).
 */
@Service
@Transactional
public class TwoFactor {

    static final String ISSUER = "Clanq";

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TwoFactor(JdbcClient jdbc, SecretCipher cipher, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Starts (or restarts) enrolment: a new secret replaces one that was never confirmed. Signing in
     * does not ask for codes until {@link #confirmEnrolment} succeeds.
     *
     * @param accountLabel how the account appears in the app, normally the email address
     * @throws IllegalStateException when verification is already on; turn it off first
     */
    public Enrolment startEnrolment(long userId, String accountLabel) {
        String secret = Totp.newSecret();
        int stored = jdbc.sql(
                        """
                        insert into user_two_factor (user_id, secret_encrypted, created_at) values (?, ?, ?)
                        on conflict (user_id) do update
                            set secret_encrypted = excluded.secret_encrypted, created_at = excluded.created_at,
                                last_used_step = null
                            where user_two_factor.confirmed_at is null""")
                .params(userId, cipher.encrypt(secret, context(userId)), now())
                .update();
        if (stored == 0) {
            throw new IllegalStateException("Two-step verification is already on for user " + userId);
        }
        String uri = otpauthUri(accountLabel, secret);
        return new Enrolment(grouped(secret), uri, QrCodes.pngDataUri(uri));
    }

    /**
     * The enrolment under way, shown again unchanged (after a mistyped first code the person must
     * not have to scan a new QR code); empty when none is under way.
     */
    @Transactional(readOnly = true)
    public Optional<Enrolment> pendingEnrolment(long userId, String accountLabel) {
        return jdbc.sql("select secret_encrypted from user_two_factor where user_id = ? and confirmed_at is null")
                .param(userId)
                .query(String.class)
                .optional()
                .map(encrypted -> {
                    String secret = cipher.decrypt(encrypted, context(userId));
                    String uri = otpauthUri(accountLabel, secret);
                    return new Enrolment(grouped(secret), uri, QrCodes.pngDataUri(uri));
                });
    }

    /**
     * Switches verification on when {@code code} is the app's current code for the pending secret,
     * and returns the fresh recovery codes (to show once). The code is then spent: it cannot also
     * pass {@link #verify}.
     */
    public Confirmation confirmEnrolment(long userId, String code, String actorLabel) {
        Optional<Secret> pending = lock(userId).filter(secret -> !secret.on());
        if (pending.isEmpty()) {
            return new Confirmation(Confirmation.Outcome.NO_ENROLMENT, List.of());
        }
        OptionalLong step = Totp.matchingStep(
                decrypt(userId, pending.get()),
                strip(code),
                clock.instant(),
                pending.get().lastUsedStep());
        if (step.isEmpty()) {
            return new Confirmation(Confirmation.Outcome.WRONG_CODE, List.of());
        }
        jdbc.sql("update user_two_factor set confirmed_at = ?, last_used_step = ? where user_id = ?")
                .params(now(), step.getAsLong(), userId)
                .update();
        List<String> codes = replaceRecoveryCodes(userId);
        events.publishEvent(new TwoFactorEnabled(userId, actorLabel));
        return new Confirmation(Confirmation.Outcome.CONFIRMED, codes);
    }

    @Transactional(readOnly = true)
    public boolean isOn(long userId) {
        return jdbc.sql("select count(*) from user_two_factor where user_id = ? and confirmed_at is not null")
                        .param(userId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** Whether verification is on, for each of {@code userIds} (every id is in the answer). */
    @Transactional(readOnly = true)
    public Map<Long, Boolean> isOn(Collection<Long> userIds) {
        Map<Long, Boolean> on = new HashMap<>();
        userIds.forEach(id -> on.put(id, false));
        if (!on.isEmpty()) {
            jdbc.sql("select user_id from user_two_factor where confirmed_at is not null and user_id = any(?)")
                    .param(on.keySet().toArray(Long[]::new))
                    .query(Long.class)
                    .list()
                    .forEach(id -> on.put(id, true));
        }
        return on;
    }

    /** How many unused recovery codes the person has; 0 when verification is off. */
    @Transactional(readOnly = true)
    public int recoveryCodesLeft(long userId) {
        return jdbc.sql("select count(*) from user_recovery_code where user_id = ? and used_at is null")
                .param(userId)
                .query(Integer.class)
                .single();
    }

    /**
     * Checks what the person typed at sign-in: the app's code (one step of clock drift either way
     * is allowed) or one of their recovery codes. A code is accepted only once, and never after a
     * later one; a recovery code is spent when it matches.
     */
    public Check verify(long userId, String codeOrRecoveryCode, String actorLabel) {
        Optional<Secret> secret = lock(userId).filter(Secret::on);
        if (secret.isEmpty()) {
            return new Check(Check.Outcome.NOT_ON, 0);
        }
        String input = strip(codeOrRecoveryCode);
        if (Totp.looksLikeCode(input)) {
            OptionalLong step = Totp.matchingStep(
                    decrypt(userId, secret.get()),
                    input,
                    clock.instant(),
                    secret.get().lastUsedStep());
            if (step.isEmpty()) {
                return new Check(Check.Outcome.WRONG, 0);
            }
            jdbc.sql("update user_two_factor set last_used_step = ? where user_id = ?")
                    .params(step.getAsLong(), userId)
                    .update();
            return new Check(Check.Outcome.AUTHENTICATOR_CODE, recoveryCodesLeft(userId));
        }
        String recoveryCode = RecoveryCodes.canonical(input);
        if (recoveryCode.isEmpty()) {
            return new Check(Check.Outcome.WRONG, 0);
        }
        int spent = jdbc.sql(
                        """
                        update user_recovery_code set used_at = ?
                        where user_id = ? and code_hash = ? and used_at is null""")
                .params(now(), userId, RecoveryCodes.hash(userId, recoveryCode))
                .update();
        if (spent == 0) {
            return new Check(Check.Outcome.WRONG, 0);
        }
        int left = recoveryCodesLeft(userId);
        events.publishEvent(new RecoveryCodeUsed(userId, actorLabel, left));
        return new Check(Check.Outcome.RECOVERY_CODE, left);
    }

    /**
     * Replaces the recovery codes with ten new ones; the old ones stop working. The caller checks
     * the person's password and a current code first, so a session left open is not enough.
     *
     * @throws IllegalStateException when verification is off
     */
    public List<String> regenerateRecoveryCodes(long userId, String actorLabel) {
        if (lock(userId).filter(Secret::on).isEmpty()) {
            throw new IllegalStateException("Two-step verification is off for user " + userId);
        }
        List<String> codes = replaceRecoveryCodes(userId);
        events.publishEvent(new RecoveryCodesRegenerated(userId, actorLabel));
        return codes;
    }

    /**
     * Switches verification off: the secret and every recovery code are deleted (an unfinished
     * enrolment too). The caller checks the person's password and a current code first (or, for a
     * lost phone, a recovery code at sign-in). Publishes an event only when it was on.
     */
    public void turnOff(long userId, String actorLabel) {
        boolean wasOn = lock(userId).filter(Secret::on).isPresent();
        jdbc.sql("delete from user_recovery_code where user_id = ?")
                .param(userId)
                .update();
        jdbc.sql("delete from user_two_factor where user_id = ?").param(userId).update();
        if (wasOn) {
            events.publishEvent(new TwoFactorDisabled(userId, actorLabel));
        }
    }

    private List<String> replaceRecoveryCodes(long userId) {
        jdbc.sql("delete from user_recovery_code where user_id = ?")
                .param(userId)
                .update();
        List<String> codes = RecoveryCodes.generate();
        OffsetDateTime now = now();
        for (String code : codes) {
            jdbc.sql("insert into user_recovery_code (user_id, code_hash, created_at) values (?, ?, ?)")
                    .params(userId, RecoveryCodes.hash(userId, RecoveryCodes.canonical(code)), now)
                    .update();
        }
        return codes;
    }

    /** Locks the person's row, so two requests cannot both spend the same code. */
    private Optional<Secret> lock(long userId) {
        return jdbc.sql(
                        """
                        select secret_encrypted, confirmed_at, last_used_step from user_two_factor
                        where user_id = ? for update""")
                .param(userId)
                .query(Rows.of(Secret.class))
                .optional();
    }

    private String decrypt(long userId, Secret secret) {
        return cipher.decrypt(secret.secretEncrypted(), context(userId));
    }

    /** Binds the ciphertext to its row: copied into another person's row it does not decrypt. */
    private static String context(long userId) {
        return "user_two_factor:" + userId;
    }

    static String otpauthUri(String accountLabel, String secret) {
        return "otpauth://totp/" + ISSUER + ":" + encode(accountLabel) + "?secret=" + secret + "&issuer=" + ISSUER
                + "&digits=" + Totp.DIGITS + "&period=" + Totp.STEP.toSeconds();
    }

    /** Path-style encoding: a space must become %20, not '+'. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code ABCD EFGH …}: easier to copy by hand when the camera does not cooperate. */
    static String grouped(String secret) {
        return String.join(" ", secret.split("(?<=\\G.{4})"));
    }

    private static String strip(String input) {
        return input == null ? "" : input.replaceAll("\\s", "");
    }

    /** The current time as the JDBC driver binds it (it does not bind {@code Instant}). */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    record Secret(String secretEncrypted, Instant confirmedAt, Long lastUsedStep) {

        boolean on() {
            return confirmedAt != null;
        }
    }

    /**
     * What the person needs to set up their app.
     *
     * @param secret the base32 secret in groups of four, for typing in by hand
     * @param otpauthUri the {@code otpauth://totp/…} URI the QR code holds
     * @param qrCodeDataUri a PNG of the QR code as {@code data:image/png;base64,…}, for an {@code img}
     */
    public record Enrolment(String secret, String otpauthUri, String qrCodeDataUri) {

        @Override
        public String toString() {
            return "Enrolment[secret=…]";
        }
    }

    /**
     * The answer to {@link #confirmEnrolment}; {@code recoveryCodes} holds the ten new codes when
     * confirmed and is empty otherwise.
     */
    public record Confirmation(Outcome outcome, List<String> recoveryCodes) {

        public Confirmation {
            recoveryCodes = List.copyOf(recoveryCodes);
        }

        public boolean confirmed() {
            return outcome == Outcome.CONFIRMED;
        }

        @Override
        public String toString() {
            return "Confirmation[" + outcome + ", " + recoveryCodes.size() + " recovery codes]";
        }

        public enum Outcome {
            /** Verification is on now. */
            CONFIRMED,
            /** The code does not match: mistyped, expired, or the app was set up with another QR code. */
            WRONG_CODE,
            /** No enrolment is under way (never started, or already confirmed). */
            NO_ENROLMENT
        }
    }

    /**
     * The answer to {@link #verify}.
     *
     * @param recoveryCodesLeft unused recovery codes after this check; only meaningful when passed
     */
    public record Check(Outcome outcome, int recoveryCodesLeft) {

        public boolean passed() {
            return outcome == Outcome.AUTHENTICATOR_CODE || outcome == Outcome.RECOVERY_CODE;
        }

        public enum Outcome {
            AUTHENTICATOR_CODE,
            RECOVERY_CODE,
            /** Neither a valid code nor an unused recovery code (or a code used before). */
            WRONG,
            /** Verification is not on for this person: nothing to check against. */
            NOT_ON
        }
    }
}
