package nl.clanq.accounts;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps make them by default: HMAC-SHA1,
 * six digits, 30-second steps, a 160-bit secret shown in base32.
 */
final class Totp {

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    static final int SECRET_BYTES = 20;

    /** Steps either side of now that still count: phones whose clocks are a little off. */
    static final int DRIFT_STEPS = 1;

    // Clones its Mac per call, so one instance serves every thread.
    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator(
            STEP, DIGITS, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {}

    /** A fresh secret, base32 without padding (160 bits make 32 characters exactly). */
    static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new Base32().encodeToString(secret);
    }

    static long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP.toSeconds());
    }

    static boolean looksLikeCode(String input) {
        return input.length() == DIGITS && input.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    static String code(String base32Secret, long step) {
        SecretKeySpec key = new SecretKeySpec(new Base32().decode(base32Secret), GENERATOR.getAlgorithm());
        try {
            // Locale.ROOT: the default locale could format the digits in another script.
            return GENERATOR.generateOneTimePasswordString(
                    key, Instant.ofEpochSecond(step * STEP.toSeconds()), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The step within the drift window whose code is {@code code}, if it lies after {@code
     * lastUsedStep}: a code counts once, and an older one after a newer is refused (RFC 6238 §5.2).
     */
    static OptionalLong matchingStep(String base32Secret, String code, Instant now, Long lastUsedStep) {
        if (code == null || !looksLikeCode(code)) {
            return OptionalLong.empty();
        }
        long current = step(now);
        OptionalLong found = OptionalLong.empty();
        // Every candidate is computed and compared in constant time, so timing tells nothing.
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            boolean fresh = lastUsedStep == null || step > lastUsedStep;
            boolean equal = MessageDigest.isEqual(
                    code(base32Secret, step).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII));
            if (fresh && equal && found.isEmpty()) {
                found = OptionalLong.of(step);
            }
        }
        return found;
    }
}
