package nl.clanq.mail.internal;

import java.time.Instant;

/** One outbox row as the staff lists show it, without the bodies. */
public record OutboxEntry(
        long id,
        String kind,
        String recipient,
        String subject,
        MailStatus status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant sentAt) {}
