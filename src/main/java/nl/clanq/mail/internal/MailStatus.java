package nl.clanq.mail.internal;

/**
 * Where a mail is in the outbox. PENDING waits for its next attempt, SENDING is claimed by a sender
 * (until its lease runs out), SENT is done, FAILED gave up and waits for staff.
 */
public enum MailStatus {
    PENDING,
    SENDING,
    SENT,
    FAILED
}
