package nl.clanq.mail.web;

import java.util.Locale;
import nl.clanq.mail.internal.MailStatus;
import nl.clanq.mail.internal.OutboxEntry;

/** One mail in a staff list; times are {@code null} when they do not apply. */
public record MailRow(
        long id,
        String kind,
        String recipient,
        String subject,
        String status,
        int attempts,
        Moment created,
        Moment nextAttempt,
        Moment sent,
        String lastError) {

    static MailRow of(OutboxEntry entry, Locale locale) {
        boolean waiting = entry.status() == MailStatus.PENDING;
        return new MailRow(
                entry.id(),
                entry.kind(),
                entry.recipient(),
                entry.subject(),
                entry.status().name(),
                entry.attempts(),
                Moment.of(entry.createdAt(), locale),
                waiting ? Moment.of(entry.nextAttemptAt(), locale) : null,
                Moment.of(entry.sentAt(), locale),
                entry.lastError());
    }

    public boolean retryable() {
        return MailStatus.FAILED.name().equals(status);
    }

    /** Bootstrap classes of the status badge; colour is never the only cue, the text says it too. */
    public String badge() {
        return switch (MailStatus.valueOf(status)) {
            case FAILED -> "text-bg-danger";
            case SENT -> "text-bg-success";
            case PENDING, SENDING -> "text-bg-secondary";
        };
    }
}
