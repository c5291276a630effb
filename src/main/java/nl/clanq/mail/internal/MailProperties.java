package nl.clanq.mail.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the mail module ({@code clanq.mail.*}). The SMTP server itself is configured with
 * Spring Boot's {@code spring.mail.*}.
 *
 * @param from the sender of every mail, e.g. {@code Clanq <noreply@clanq.nl>}
 * @param pollInterval how long the sender waits between two looks at the outbox
 * @param batchSize how many mails one look sends at most
 * @param maxAttempts after this many failed attempts a mail is FAILED and waits for staff
 * @param baseUrl the public address of Clanq, for absolute links in mails
 */
@ConfigurationProperties("clanq.mail")
public record MailProperties(
        @DefaultValue("Clanq <noreply@clanq.nl>") String from,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("20") int batchSize,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("http://localhost:8080") String baseUrl) {

    public MailProperties {
        try {
            new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("clanq.mail.from is not a valid address: " + from, e);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("clanq.mail.poll-interval must be positive");
        }
        if (batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("clanq.mail.batch-size and max-attempts must be at least 1");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
