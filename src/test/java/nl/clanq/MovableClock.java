package nl.clanq;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move instead of sleeping, for rules that depend on time. */
public final class MovableClock extends Clock {

    private Instant now;

    public MovableClock(String start) {
        this.now = Instant.parse(start);
    }

    public MovableClock() {
        this("2026-11-20T10:00:00Z");
    }

    public void move(Duration duration) {
        now = now.plus(duration);
    }

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
