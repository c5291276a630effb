package nl.clanq.mail.internal;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends due outbox mails over SMTP. Every node runs it; the claim in {@link MailOutbox#claimDue}
 * keeps nodes apart. A failed attempt is tried again after a growing pause, and after
 * {@code clanq.mail.max-attempts} attempts the mail is FAILED until staff retry it.
 */
@Component
class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    /** Pause after the 1st, 2nd, … failed attempt; the last one repeats. */
    static final List<Duration> BACK_OFF = List.of(
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(6));

    /** Longer than a whole batch can take with the SMTP time-outs, so no mail is claimed twice. */
    static final Duration LEASE = Duration.ofMinutes(15);

    private static final int MAX_ERROR_LENGTH = 500;
    private static final int MAX_BATCHES_PER_POLL = 10;

    private final MailOutbox outbox;
    private final JavaMailSender smtp;
    private final MailProperties properties;
    private final Clock clock;
    private final InternetAddress from;

    OutboxSender(MailOutbox outbox, JavaMailSender smtp, MailProperties properties, Clock clock) {
        this.outbox = outbox;
        this.smtp = smtp;
        this.properties = properties;
        this.clock = clock;
        try {
            this.from = new InternetAddress(properties.from(), true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("clanq.mail.from is not a valid address", e);
        }
    }

    @Scheduled(
            fixedDelayString = "${clanq.mail.poll-interval:2s}",
            initialDelayString = "${clanq.mail.poll-interval:2s}")
    void poll() {
        try {
            // A full batch means more may be due: keep going, but give the scheduler back eventually.
            int batches = 1;
            while (sendDue() == properties.batchSize() && batches < MAX_BATCHES_PER_POLL) {
                batches++;
            }
        } catch (DataAccessException e) {
            log.warn("Mail outbox could not be read; trying again later: {}", e.getMessage());
        }
    }

    /** Sends one batch of due mails; answers how many were claimed. */
    int sendDue() {
        Instant now = clock.instant();
        List<MailOutbox.Claimed> batch = outbox.claimDue(now, now.plus(LEASE), properties.batchSize());
        for (MailOutbox.Claimed mail : batch) {
            deliver(mail);
        }
        return batch.size();
    }

    private void deliver(MailOutbox.Claimed mail) {
        try {
            smtp.send(mime(mail));
            outbox.markSent(mail, clock.instant());
        } catch (RuntimeException | MessagingException | UnsupportedEncodingException e) {
            boolean giveUp = mail.attempt() >= properties.maxAttempts();
            Instant next = clock.instant().plus(backOff(mail.attempt()));
            String error = shortError(e);
            outbox.markAttemptFailed(mail, error, next, giveUp);
            if (giveUp) {
                log.error("Mail {} failed for good after {} attempts: {}", mail.id(), mail.attempt(), error);
            } else {
                log.warn("Mail {} attempt {} failed, next at {}: {}", mail.id(), mail.attempt(), next, error);
            }
        }
    }

    static Duration backOff(int failedAttempts) {
        return BACK_OFF.get(Math.min(Math.max(failedAttempts, 1), BACK_OFF.size()) - 1);
    }

    private MimeMessage mime(MailOutbox.Claimed mail) throws MessagingException, UnsupportedEncodingException {
        MimeMessage mime = smtp.createMimeMessage();
        mime.setFrom(from);
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.recipient(), true));
        mime.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        mime.setSentDate(Date.from(clock.instant()));
        for (Map.Entry<String, String> header : mail.headers().entrySet()) {
            String value = MimeUtility.encodeText(header.getValue(), StandardCharsets.UTF_8.name(), null);
            mime.setHeader(header.getKey(), MimeUtility.fold(header.getKey().length() + 2, value));
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.bodyText(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.bodyHtml(), StandardCharsets.UTF_8.name(), "html");
        // Clients show the last alternative they understand: plain text first, HTML last.
        mime.setContent(new MimeMultipart("alternative", text, html));
        return mime;
    }

    private static String shortError(Exception e) {
        StringBuilder error = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            error.append(": ").append(e.getMessage().strip());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e
                && root.getMessage() != null
                && !error.toString().contains(root.getMessage().strip())) {
            error.append(" (").append(root.getMessage().strip()).append(')');
        }
        String oneLine = error.toString().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_ERROR_LENGTH ? oneLine : oneLine.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
