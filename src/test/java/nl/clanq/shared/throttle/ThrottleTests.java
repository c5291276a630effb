package nl.clanq.shared.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import nl.clanq.MovableClock;
import org.junit.jupiter.api.Test;

class ThrottleTests {

    @Test
    void refusesTheThirtyFirstLoginFromOneAddressAndSaysWhenToRetry_S11() {
        MovableClock clock = new MovableClock();
        Throttle throttle = new Throttle(clock);
        for (int i = 0; i < 30; i++) {
            throttle.attempt(Throttle.Limit.LOGIN_PER_IP, "192.0.2.7");
        }
        assertThatThrownBy(() -> throttle.attempt(Throttle.Limit.LOGIN_PER_IP, "192.0.2.7"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.retryAfterMinutes())
                        .isBetween(1L, 3L));
        // Another address is not affected.
        throttle.attempt(Throttle.Limit.LOGIN_PER_IP, "192.0.2.8");
    }

    @Test
    void allowsAgainWhenTimeHasPassed_S11() {
        MovableClock clock = new MovableClock();
        Throttle throttle = new Throttle(clock);
        for (int i = 0; i < 30; i++) {
            throttle.attempt(Throttle.Limit.LOGIN_PER_IP, "192.0.2.7");
        }
        clock.move(Duration.ofMinutes(3));
        throttle.attempt(Throttle.Limit.LOGIN_PER_IP, "192.0.2.7");
    }

    @Test
    void resetForgetsTheAttempts_S11() {
        Throttle throttle = new Throttle(new MovableClock());
        for (int i = 0; i < 30; i++) {
            throttle.attempt(Throttle.Limit.LOGIN_PER_IP, "192.0.2.7");
        }
        throttle.reset(Throttle.Limit.LOGIN_PER_IP, "192.0.2.7");
        throttle.attempt(Throttle.Limit.LOGIN_PER_IP, "192.0.2.7");
    }
}
