package nl.clanq.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

class TotpTests {

    // RFC 6238, appendix B: the SHA-1 seed, whose 8-digit codes end in these 6 digits.
    static final String RFC_SECRET =
            new Base32().encodeToString("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void computesTheCodesOfTheRfcTestVectors_S2() {
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109))))
                .isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(2000000000))))
                .isEqualTo("279037");
    }

    @Test
    void newSecretsHave160BitsInBase32AndDiffer_S2() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String secret = Totp.newSecret();
            assertThat(secret).matches("[A-Z2-7]{32}");
            assertThat(new Base32().decode(secret)).hasSize(20);
            secrets.add(secret);
        }
        assertThat(secrets).hasSize(20);
    }

    @Test
    void acceptsOneStepOfDriftEitherWayButNotTwo_S2() {
        Instant now = Instant.ofEpochSecond(1111111109);
        long step = Totp.step(now);

        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step), now, null))
                .hasValue(step);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now, null))
                .hasValue(step - 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now, null))
                .hasValue(step + 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now, null))
                .isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 2), now, null))
                .isEmpty();
    }

    @Test
    void refusesACodeWhoseStepIsNotAfterTheLastUsedOne_S2() {
        Instant now = Instant.ofEpochSecond(1111111109);
        long step = Totp.step(now);

        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step), now, step))
                .isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step), now, step + 1))
                .isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now, step))
                .hasValue(step + 1);
    }

    @Test
    void ignoresInputThatIsNotSixDigits_S2() {
        Instant now = Instant.ofEpochSecond(59);
        assertThat(Totp.matchingStep(RFC_SECRET, "28708", now, null)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, "2870821", now, null)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, "", now, null)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, null, now, null)).isEmpty();
    }
}
