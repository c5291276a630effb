package nl.clanq.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * S11: failed logins per account. After 10 failures within 15 minutes every further attempt waits,
 * and the wait doubles with each failure (1, 2, 4 … minutes, at most an hour). Counted by the typed
 * address whether or not an account exists, so the answers are the same (G4).
 */
@Component
public class LoginAttempts {

    static final int FREE_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration MAX_DELAY = Duration.ofHours(1);

    private final Clock clock;
    private final Cache<String, Deque<Instant>> failures = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(2))
            .build();

    LoginAttempts(Clock clock) {
        this.clock = clock;
    }

    /** How long the account must still wait before the next attempt, if it must. */
    public Optional<Duration> waitFor(String email) {
        Deque<Instant> list = failures.getIfPresent(Accounts.normaliseEmail(email));
        if (list == null) {
            return Optional.empty();
        }
        synchronized (list) {
            Instant now = clock.instant();
            prune(list, now);
            int over = list.size() - FREE_FAILURES;
            if (over < 0) {
                return Optional.empty();
            }
            Duration delay = Duration.ofMinutes(1L << Math.min(over, 6));
            delay = delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
            Instant until = list.peekLast().plus(delay);
            return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
        }
    }

    public void failed(String email) {
        Deque<Instant> list = failures.get(Accounts.normaliseEmail(email), k -> new ArrayDeque<>());
        synchronized (list) {
            list.addLast(clock.instant());
        }
    }

    public void succeeded(String email) {
        failures.invalidate(Accounts.normaliseEmail(email));
    }

    private void prune(Deque<Instant> list, Instant now) {
        // Failures count within the window after the last one, so a slow steady guesser stays slowed.
        Instant last = list.peekLast();
        if (last != null && last.plus(WINDOW).isBefore(now)) {
            list.clear();
        }
        while (list.size() > FREE_FAILURES + 10) {
            list.removeFirst();
        }
    }
}
