package nl.clanq.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.crypto.spec.SecretKeySpec;
import nl.clanq.IntegrationTest;
import nl.clanq.MovableClock;
import nl.clanq.shared.crypto.SecretCipher;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two-step verification against the real database, cipher and audit log. Time moves: each test
 * builds its own {@link TwoFactor} on a {@link MovableClock} rather than touching the shared bean.
 */
@IntegrationTest
class TwoFactorIntegrationTests {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    SecretCipher cipher;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TwoFactor sharedTwoFactor;

    MovableClock clock;
    TwoFactor twoFactor;

    @BeforeEach
    void twoFactorOnAMovableClock() {
        clock = new MovableClock("2026-11-20T10:00:10Z");
        twoFactor = new TwoFactor(jdbc, cipher, events, clock);
    }

    <T> T inTx(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    void inTx(Runnable work) {
        tx.executeWithoutResult(status -> work.run());
    }

    long newUser() {
        String email = "twofactor-" + System.nanoTime() + "-" + SEQ.incrementAndGet() + "@test.example.nl";
        return inTx(() ->
                accounts.create(new NewAccount(email, "Tess", "Twee", "", "", "nl", "correct horse battery 2026")));
    }

    /** What the person's app shows at the clock's current time (or {@code steps} later). */
    String appCode(TwoFactor.Enrolment enrolment, int steps) {
        String secret = enrolment.secret().replace(" ", "");
        return Totp.code(secret, Totp.step(clock.instant()) + steps);
    }

    /** The same, computed independently with java-otp, as a real authenticator app would. */
    String appCodeByLibrary(TwoFactor.Enrolment enrolment) {
        byte[] key = new Base32().decode(enrolment.secret().replace(" ", ""));
        try {
            return new TimeBasedOneTimePasswordGenerator()
                    .generateOneTimePasswordString(new SecretKeySpec(key, "HmacSHA1"), clock.instant(), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    record Enrolled(long userId, TwoFactor.Enrolment enrolment, List<String> recoveryCodes) {}

    Enrolled enrolled() throws Exception {
        long userId = newUser();
        TwoFactor.Enrolment enrolment = inTx(() -> twoFactor.startEnrolment(userId, "tess@test.example.nl"));
        String code = appCodeByLibrary(enrolment);
        TwoFactor.Confirmation confirmation = inTx(() -> twoFactor.confirmEnrolment(userId, code, "Tess Twee"));
        assertThat(confirmation.confirmed()).isTrue();
        return new Enrolled(userId, enrolment, confirmation.recoveryCodes());
    }

    List<String> auditActions(long userId) {
        return jdbc.sql(
                        "select action from audit_log where actor_user_id = ? and action like 'account.two-factor%' order by id")
                .param(userId)
                .query(String.class)
                .list();
    }

    @Test
    void enrolmentConfirmedWithACodeFromTheAppSwitchesVerificationOn_S2() throws Exception {
        long userId = newUser();

        TwoFactor.Enrolment enrolment = inTx(() -> twoFactor.startEnrolment(userId, "tess@test.example.nl"));

        assertThat(enrolment.secret()).matches("([A-Z2-7]{4} ){7}[A-Z2-7]{4}");
        assertThat(enrolment.otpauthUri())
                .isEqualTo("otpauth://totp/Clanq:tess%40test.example.nl?secret="
                        + enrolment.secret().replace(" ", "") + "&issuer=Clanq&digits=6&period=30");
        assertThat(TwoFactorTests.scan(enrolment.qrCodeDataUri())).isEqualTo(enrolment.otpauthUri());
        assertThat(enrolment.toString()).doesNotContain(enrolment.secret().substring(0, 4) + " ");
        assertThat(twoFactor.isOn(userId)).isFalse();

        String code = appCodeByLibrary(enrolment);
        assertThat(code).isEqualTo(appCode(enrolment, 0));
        TwoFactor.Confirmation confirmation = inTx(() -> twoFactor.confirmEnrolment(userId, code, "Tess Twee"));

        assertThat(confirmation.outcome()).isEqualTo(TwoFactor.Confirmation.Outcome.CONFIRMED);
        assertThat(confirmation.recoveryCodes())
                .hasSize(10)
                .doesNotHaveDuplicates()
                .allMatch(c -> c.matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{2}"));
        assertThat(twoFactor.isOn(userId)).isTrue();
        assertThat(sharedTwoFactor.isOn(userId)).isTrue();
        assertThat(twoFactor.recoveryCodesLeft(userId)).isEqualTo(10);
        assertThat(auditActions(userId)).containsExactly("account.two-factor.enabled");
        // Confirming again is not possible: enrolment is over.
        assertThat(inTx(() -> twoFactor.confirmEnrolment(userId, appCode(enrolment, 1), "Tess Twee"))
                        .outcome())
                .isEqualTo(TwoFactor.Confirmation.Outcome.NO_ENROLMENT);
    }

    @Test
    void aWrongCodeDoesNotSwitchVerificationOn_S2() {
        long userId = newUser();
        TwoFactor.Enrolment enrolment = inTx(() -> twoFactor.startEnrolment(userId, "tess@test.example.nl"));
        String wrong = appCode(enrolment, 0).equals("000000") ? "000001" : "000000";

        TwoFactor.Confirmation confirmation = inTx(() -> twoFactor.confirmEnrolment(userId, wrong, "Tess Twee"));

        assertThat(confirmation.outcome()).isEqualTo(TwoFactor.Confirmation.Outcome.WRONG_CODE);
        assertThat(confirmation.recoveryCodes()).isEmpty();
        assertThat(twoFactor.isOn(userId)).isFalse();
        assertThat(inTx(() -> twoFactor.verify(userId, appCode(enrolment, 0), "Tess Twee"))
                        .outcome())
                .isEqualTo(TwoFactor.Check.Outcome.NOT_ON);
        assertThat(inTx(() -> twoFactor.confirmEnrolment(newUser(), "123456", "x"))
                        .outcome())
                .isEqualTo(TwoFactor.Confirmation.Outcome.NO_ENROLMENT);
        assertThat(auditActions(userId)).isEmpty();
    }

    @Test
    void restartingEnrolmentReplacesTheUnconfirmedSecretButNotAnActiveOne_S2() throws Exception {
        long userId = newUser();
        TwoFactor.Enrolment first = inTx(() -> twoFactor.startEnrolment(userId, "tess@test.example.nl"));
        TwoFactor.Enrolment second = inTx(() -> twoFactor.startEnrolment(userId, "tess@test.example.nl"));

        assertThat(second.secret()).isNotEqualTo(first.secret());
        assertThat(inTx(() -> twoFactor.confirmEnrolment(userId, appCode(first, 0), "Tess Twee"))
                        .confirmed())
                .isFalse();
        assertThat(inTx(() -> twoFactor.confirmEnrolment(userId, appCode(second, 0), "Tess Twee"))
                        .confirmed())
                .isTrue();
        assertThatThrownBy(() -> inTx(() -> twoFactor.startEnrolment(userId, "tess@test.example.nl")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCodeIsAcceptedOnceAndRefusedOnReplayWithinItsWindow_S2() throws Exception {
        Enrolled tess = enrolled();
        // The code that confirmed enrolment is spent too.
        assertThat(inTx(() -> twoFactor.verify(tess.userId(), appCode(tess.enrolment(), 0), "Tess Twee"))
                        .outcome())
                .isEqualTo(TwoFactor.Check.Outcome.WRONG);

        clock.move(Duration.ofSeconds(30));
        String code = appCode(tess.enrolment(), 0);
        TwoFactor.Check first = inTx(() -> twoFactor.verify(tess.userId(), code, "Tess Twee"));
        clock.move(Duration.ofSeconds(15));
        TwoFactor.Check replay = inTx(() -> twoFactor.verify(tess.userId(), code, "Tess Twee"));

        assertThat(first.outcome()).isEqualTo(TwoFactor.Check.Outcome.AUTHENTICATOR_CODE);
        assertThat(first.passed()).isTrue();
        assertThat(first.recoveryCodesLeft()).isEqualTo(10);
        assertThat(replay.outcome()).isEqualTo(TwoFactor.Check.Outcome.WRONG);
        assertThat(replay.passed()).isFalse();
    }

    @Test
    void theNextStepsCodeIsAcceptedAfterTimeMoves_S2() throws Exception {
        Enrolled tess = enrolled();

        clock.move(Duration.ofSeconds(30));
        String next = appCode(tess.enrolment(), 0);
        // With spaces, as people copy it from the app.
        assertThat(inTx(() -> twoFactor.verify(tess.userId(), next.substring(0, 3) + " " + next.substring(3), "Tess"))
                        .outcome())
                .isEqualTo(TwoFactor.Check.Outcome.AUTHENTICATOR_CODE);

        clock.move(Duration.ofMinutes(5));
        assertThat(inTx(() -> twoFactor.verify(tess.userId(), appCodeByLibrary(tess.enrolment()), "Tess"))
                        .passed())
                .isTrue();
    }

    @Test
    void allowsOneStepOfClockDriftButNeverAnOlderCodeAfterANewerOne_S2() throws Exception {
        Enrolled tess = enrolled();
        clock.move(Duration.ofMinutes(2));
        TwoFactor.Enrolment app = tess.enrolment();

        assertThat(inTx(() -> twoFactor.verify(tess.userId(), appCode(app, -2), "Tess"))
                        .passed())
                .isFalse();
        assertThat(inTx(() -> twoFactor.verify(tess.userId(), appCode(app, -1), "Tess"))
                        .passed())
                .isTrue();
        // A phone running ahead: its code for the next step counts, and the current one is then stale.
        assertThat(inTx(() -> twoFactor.verify(tess.userId(), appCode(app, 1), "Tess"))
                        .passed())
                .isTrue();
        assertThat(inTx(() -> twoFactor.verify(tess.userId(), appCode(app, 0), "Tess"))
                        .passed())
                .isFalse();
    }

    @Test
    void eachRecoveryCodeWorksOnceAndTheCountGoesDown_S2() throws Exception {
        Enrolled tess = enrolled();
        String first = tess.recoveryCodes().get(0);
        String second = tess.recoveryCodes().get(1);

        TwoFactor.Check used = inTx(() -> twoFactor.verify(tess.userId(), first, "Tess Twee"));
        TwoFactor.Check again = inTx(() -> twoFactor.verify(tess.userId(), first, "Tess Twee"));
        TwoFactor.Check typedLoosely =
                inTx(() -> twoFactor.verify(tess.userId(), second.toUpperCase().replace("-", ""), "Tess Twee"));

        assertThat(used.outcome()).isEqualTo(TwoFactor.Check.Outcome.RECOVERY_CODE);
        assertThat(used.recoveryCodesLeft()).isEqualTo(9);
        assertThat(again.outcome()).isEqualTo(TwoFactor.Check.Outcome.WRONG);
        assertThat(typedLoosely.outcome()).isEqualTo(TwoFactor.Check.Outcome.RECOVERY_CODE);
        assertThat(typedLoosely.recoveryCodesLeft()).isEqualTo(8);
        assertThat(twoFactor.recoveryCodesLeft(tess.userId())).isEqualTo(8);
        assertThat(inTx(() -> twoFactor.verify(tess.userId(), "abcd-efgh-jk", "Tess Twee"))
                        .passed())
                .isFalse();
        assertThat(auditActions(tess.userId()))
                .containsExactly(
                        "account.two-factor.enabled",
                        "account.two-factor.recovery-code.used",
                        "account.two-factor.recovery-code.used");
        assertThat(jdbc.sql("select details ->> 'remaining' from audit_log where actor_user_id = ?"
                                + " and action = 'account.two-factor.recovery-code.used' order by id")
                        .param(tess.userId())
                        .query(String.class)
                        .list())
                .containsExactly("9", "8");
        // Recovery codes of one person do not open another's account.
        Enrolled other = enrolled();
        assertThat(inTx(() -> twoFactor.verify(
                                other.userId(), tess.recoveryCodes().get(2), "Other"))
                        .passed())
                .isFalse();
    }

    @Test
    void regeneratingRecoveryCodesInvalidatesTheOldOnes_S2() throws Exception {
        Enrolled tess = enrolled();
        inTx(() -> twoFactor.verify(tess.userId(), tess.recoveryCodes().get(0), "Tess Twee"));

        List<String> fresh = inTx(() -> twoFactor.regenerateRecoveryCodes(tess.userId(), "Tess Twee"));

        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(tess.recoveryCodes());
        assertThat(twoFactor.recoveryCodesLeft(tess.userId())).isEqualTo(10);
        assertThat(inTx(() -> twoFactor.verify(
                                tess.userId(), tess.recoveryCodes().get(1), "Tess Twee"))
                        .passed())
                .isFalse();
        assertThat(inTx(() -> twoFactor.verify(tess.userId(), fresh.get(0), "Tess Twee"))
                        .recoveryCodesLeft())
                .isEqualTo(9);
        assertThat(auditActions(tess.userId())).contains("account.two-factor.recovery-codes.regenerated");
        long off = newUser();
        assertThatThrownBy(() -> inTx(() -> twoFactor.regenerateRecoveryCodes(off, "Nobody")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void turningOffRemovesTheSecretAndEveryRecoveryCode_S2() throws Exception {
        Enrolled tess = enrolled();

        inTx(() -> twoFactor.turnOff(tess.userId(), "Tess Twee"));

        assertThat(twoFactor.isOn(tess.userId())).isFalse();
        assertThat(jdbc.sql("select count(*) from user_two_factor where user_id = ?")
                        .param(tess.userId())
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from user_recovery_code where user_id = ?")
                        .param(tess.userId())
                        .query(Integer.class)
                        .single())
                .isZero();
        clock.move(Duration.ofSeconds(30));
        assertThat(inTx(() -> twoFactor.verify(tess.userId(), appCode(tess.enrolment(), 0), "Tess Twee"))
                        .outcome())
                .isEqualTo(TwoFactor.Check.Outcome.NOT_ON);
        assertThat(auditActions(tess.userId()))
                .containsExactly("account.two-factor.enabled", "account.two-factor.disabled");
        // Switching on again starts from scratch, with a new secret.
        TwoFactor.Enrolment again = inTx(() -> twoFactor.startEnrolment(tess.userId(), "tess@test.example.nl"));
        assertThat(again.secret()).isNotEqualTo(tess.enrolment().secret());
    }

    @Test
    void theDatabaseHoldsNeitherThePlainSecretNorThePlainRecoveryCodes_S6_S2() throws Exception {
        Enrolled tess = enrolled();
        String secret = tess.enrolment().secret().replace(" ", "");

        String stored = jdbc.sql("select secret_encrypted from user_two_factor where user_id = ?")
                .param(tess.userId())
                .query(String.class)
                .single();
        List<String> hashes = jdbc.sql("select code_hash from user_recovery_code where user_id = ?")
                .param(tess.userId())
                .query(String.class)
                .list();

        assertThat(stored).startsWith("v1:").doesNotContain(secret).doesNotContain(secret.substring(0, 8));
        assertThat(stored.toUpperCase()).doesNotContain(secret);
        assertThat(hashes).hasSize(10);
        for (String code : tess.recoveryCodes()) {
            assertThat(hashes).noneMatch(hash -> hash.contains(code) || hash.contains(code.replace("-", "")));
        }
        // The ciphertext is bound to its row: copied into another person's row it does not decrypt.
        Enrolled other = enrolled();
        jdbc.sql("update user_two_factor set secret_encrypted = ? where user_id = ?")
                .params(stored, other.userId())
                .update();
        assertThatThrownBy(() -> inTx(() -> twoFactor.verify(other.userId(), "123456", "Other")))
                .isInstanceOf(SecretCipher.DecryptionFailed.class);
    }

    @Test
    void tellsForManyPeopleAtOnceWhetherVerificationIsOn_S2() throws Exception {
        long on = enrolled().userId();
        long pending = newUser();
        inTx(() -> twoFactor.startEnrolment(pending, "pending@test.example.nl"));
        long off = newUser();

        Map<Long, Boolean> states = sharedTwoFactor.isOn(List.of(on, pending, off, -1L));

        assertThat(states).containsExactlyInAnyOrderEntriesOf(Map.of(on, true, pending, false, off, false, -1L, false));
        assertThat(sharedTwoFactor.isOn(List.of())).isEmpty();
    }
}
