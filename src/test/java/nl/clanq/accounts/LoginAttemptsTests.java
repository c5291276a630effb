package nl.clanq.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import nl.clanq.MovableClock;
import org.junit.jupiter.api.Test;

class LoginAttemptsTests {

    private final MovableClock clock = new MovableClock();
    private final LoginAttempts attempts = new LoginAttempts(clock);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            attempts.failed("eva@example.nl");
            clock.move(Duration.ofSeconds(5));
        }
    }

    @Test
    void tenFailuresAreFree_S11() {
        fail(9);
        assertThat(attempts.waitFor("eva@example.nl")).isEmpty();
    }

    @Test
    void afterTenFailuresInFifteenMinutesTheWaitGrows_S11() {
        fail(10);
        assertThat(attempts.waitFor("EVA@example.nl "))
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(50), Duration.ofMinutes(1)));

        clock.move(Duration.ofMinutes(1));
        fail(1);
        assertThat(attempts.waitFor("eva@example.nl"))
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(110), Duration.ofMinutes(2)));

        clock.move(Duration.ofMinutes(2));
        fail(1);
        assertThat(attempts.waitFor("eva@example.nl"))
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(230), Duration.ofMinutes(4)));
    }

    @Test
    void theWaitNeverExceedsAnHour_S11() {
        fail(30);
        assertThat(attempts.waitFor("eva@example.nl"))
                .hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofHours(1)));
    }

    @Test
    void unknownAndKnownAddressesAreCountedAlike_G4() {
        for (int i = 0; i < 10; i++) {
            attempts.failed("nobody-" + "x@example.nl");
        }
        assertThat(attempts.waitFor("nobody-x@example.nl")).isPresent();
    }

    @Test
    void successForgetsTheFailures_S11() {
        fail(10);
        attempts.succeeded("eva@example.nl");
        assertThat(attempts.waitFor("eva@example.nl")).isEmpty();
    }

    @Test
    void quietForFifteenMinutesStartsAfresh_S11() {
        fail(10);
        clock.move(Duration.ofMinutes(16));
        assertThat(attempts.waitFor("eva@example.nl")).isEmpty();
    }
}
