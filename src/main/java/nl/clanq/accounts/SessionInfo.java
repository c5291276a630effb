package nl.clanq.accounts;

import java.time.Instant;

/** One signed-in session of a person, as their sessions page shows it. */
public record SessionInfo(
        String id, String browser, String address, Instant startedAt, Instant lastActiveAt, boolean current) {}
