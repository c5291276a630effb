package nl.clanq.mail;

import java.time.Clock;
import nl.clanq.mail.internal.MailOutbox;
import nl.clanq.mail.internal.MailProperties;
import nl.clanq.mail.internal.MailRenderer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends mail on behalf of every module. A mail is queued in the caller's transaction and sent
 * after it commits, by a background sender that retries; if the transaction rolls back, no mail
 * is sent. Callers translate the text themselves, in the recipient's language.
 */
@Service
public class Mailer {

    private final MailRenderer renderer;
    private final MailOutbox outbox;
    private final MailProperties properties;
    private final Clock clock;

    Mailer(MailRenderer renderer, MailOutbox outbox, MailProperties properties, Clock clock) {
        this.renderer = renderer;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Queues {@code message} in the current transaction. It is rendered now (HTML and plain text,
     * footer in {@link MailMessage#locale()}) and sent shortly after the transaction commits.
     *
     * @throws org.springframework.transaction.IllegalTransactionStateException when called outside a
     *     transaction: a mail must never go out for a change that did not happen
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void send(MailMessage message) {
        outbox.enqueue(message, renderer.render(message), clock.instant());
    }

    /**
     * The absolute URL of {@code path} on this Clanq ({@code clanq.mail.base-url}), for links in
     * mails; {@code link("/verify?token=abc")} gives {@code https://clanq.nl/verify?token=abc}.
     */
    public String link(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("path must start with a single /, got: " + path);
        }
        return properties.baseUrl() + path;
    }
}
