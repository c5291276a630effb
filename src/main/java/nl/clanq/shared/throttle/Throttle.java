package nl.clanq.shared.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * S11: rate limits for everything that sends mail or can be guessed at (login, registration,
 * codes, reset links, invites). Token buckets (Bucket4j) per limit and key, kept in memory per
 * node; a limit answers with {@link TooManyRequestsException}, which the web layer turns into a 429
 * page that says when to try again.
 */
@Component
public class Throttle {

    private final Map<Limit, Cache<String, Bucket>> buckets;
    private final TimeMeter time;

    @Autowired
    Throttle(Clock clock) {
        this.time = new ClockTimeMeter(clock);
        this.buckets = new java.util.EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) {
            buckets.put(
                    limit,
                    Caffeine.newBuilder()
                            .maximumSize(100_000)
                            .expireAfterAccess(limit.period.multipliedBy(2))
                            .build());
        }
    }

    /** Takes one attempt for {@code key} under {@code limit}, or refuses with the time to wait. */
    public void attempt(Limit limit, String key) {
        Bucket bucket = buckets.get(limit).get(key, k -> newBucket(limit));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyRequestsException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private final Map<String, Cache<String, Bucket>> named = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Takes one attempt under a limit whose budget comes from configuration ({@code capacity} per
     * {@code period}), or refuses with the time to wait.
     */
    public void attempt(String limitName, int capacity, Duration period, String key) {
        Cache<String, Bucket> cache =
                named.computeIfAbsent(limitName + ":" + capacity + "/" + period, n -> Caffeine.newBuilder()
                        .maximumSize(100_000)
                        .expireAfterAccess(period.multipliedBy(2))
                        .build());
        Bucket bucket = cache.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(capacity)
                        .refillGreedy(capacity, period)
                        .build())
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyRequestsException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** Forgets the attempts for {@code key}, e.g. after a successful login. */
    public void reset(Limit limit, String key) {
        buckets.get(limit).invalidate(key);
    }

    private Bucket newBucket(Limit limit) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.attempts)
                        .refillGreedy(limit.attempts, limit.period)
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }

    /** The limits, with their budget per period. */
    public enum Limit {
        LOGIN_PER_IP(30, Duration.ofHours(1)),
        REGISTRATION_PER_IP(10, Duration.ofHours(1)),
        CODE_ATTEMPT_PER_IP(30, Duration.ofHours(1)),
        CODE_RESEND_PER_ACCOUNT(5, Duration.ofHours(1)),
        RESET_PER_IP(10, Duration.ofHours(1)),
        RESET_PER_ACCOUNT(3, Duration.ofHours(1)),
        INVITE_PER_ACCOUNT(20, Duration.ofDays(1)),
        TWO_FACTOR_PER_ACCOUNT(10, Duration.ofMinutes(15)),
        EMAIL_CHANGE_PER_ACCOUNT(5, Duration.ofHours(1)),
        /**
         * One-click unsubscribe works without a login. Its links are signed, so this only caps the
         * load; generous, because mail providers post one-click unsubscribes from few addresses.
         */
        UNSUBSCRIBE_PER_IP(300, Duration.ofHours(1));

        final int attempts;
        final Duration period;

        Limit(int attempts, Duration period) {
            this.attempts = attempts;
            this.period = period;
        }
    }

    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            java.time.Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
