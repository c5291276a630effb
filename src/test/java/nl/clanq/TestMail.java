package nl.clanq;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SMTP server of the test JVM: one GreenMail on a free loopback port, started before the first
 * application context (see {@link TestMailEnvironment}) and shared by all of them. Tests read what
 * Clanq sent, wait for a mail to an address, and can make the server refuse an address to exercise
 * retries. Other tests share the server, so use unique addresses rather than counting all mail.
 */
public final class TestMail {

    /** How long {@link #awaitMailTo(String)} waits: several sender polls plus SMTP. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private static final Set<String> REJECTED = ConcurrentHashMap.newKeySet();
    private static GreenMail server;

    private TestMail() {}

    /** A mail as the recipient got it, with its plain-text and HTML alternatives decoded. */
    public record ReceivedMail(String to, String from, String subject, String text, String html, MimeMessage mime) {

        public String header(String name) {
            try {
                return mime.getHeader(name, ",");
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Starts the server once per JVM; answers its SMTP port. */
    static synchronized int start() {
        if (server == null) {
            GreenMail greenMail = new RejectingGreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
            Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop, "greenmail-stop"));
            server = greenMail;
        }
        return server.getSmtp().getPort();
    }

    /** Every mail received so far, by anyone. */
    public static List<ReceivedMail> received() {
        return Arrays.stream(server().getReceivedMessages()).map(TestMail::read).toList();
    }

    /** The mails received for {@code address}, oldest first. */
    public static List<ReceivedMail> receivedBy(String address) {
        String wanted = address.toLowerCase(Locale.ROOT);
        for (int attempt = 0; ; attempt++) {
            try {
                return server().findReceivedMessages(user -> wanted.equalsIgnoreCase(user.getEmail()), m -> true)
                        .map(TestMail::read)
                        .toList();
            } catch (java.util.ConcurrentModificationException e) {
                // GreenMail's mailboxes are appended to by its SMTP thread while we read: read again.
                if (attempt == 20) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    /** Waits until a mail for {@code address} arrived and answers the first one. */
    public static ReceivedMail awaitMailTo(String address) {
        return awaitMailTo(address, DEFAULT_TIMEOUT);
    }

    public static ReceivedMail awaitMailTo(String address, Duration timeout) {
        return await("a mail to " + address)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> receivedBy(address), mails -> !mails.isEmpty())
                .getFirst();
    }

    /** Waits until a mail for {@code address} whose subject contains {@code subjectPart} arrived. */
    public static ReceivedMail awaitMail(String address, String subjectPart) {
        return await("a mail to " + address + " about " + subjectPart)
                .atMost(DEFAULT_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> receivedBy(address).stream()
                                .filter(m -> m.subject().contains(subjectPart))
                                .toList(),
                        mails -> !mails.isEmpty())
                .getFirst();
    }

    /** Forgets every received mail. */
    public static void purge() {
        try {
            server().purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /** From now on the server answers {@code 550} to {@code RCPT TO} for {@code address}. */
    public static void rejectRecipient(String address) {
        REJECTED.add(address.toLowerCase(Locale.ROOT));
    }

    /** Undoes {@link #rejectRecipient(String)}. */
    public static void acceptRecipient(String address) {
        REJECTED.remove(address.toLowerCase(Locale.ROOT));
    }

    private static synchronized GreenMail server() {
        if (server == null) {
            throw new IllegalStateException("GreenMail runs only in a test JVM with TestMailEnvironment");
        }
        return server;
    }

    private static ReceivedMail read(MimeMessage mime) {
        try {
            String[] text = {null, null};
            collect(mime.getContent(), mime.getContentType(), text);
            return new ReceivedMail(
                    mime.getRecipients(Message.RecipientType.TO)[0].toString(),
                    mime.getFrom()[0].toString(),
                    mime.getSubject(),
                    text[0],
                    text[1],
                    mime);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Object content, String contentType, String[] text)
            throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), text);
            }
        } else if (content instanceof String s) {
            String type = contentType.toLowerCase(Locale.ROOT);
            if (type.startsWith("text/html")) {
                text[1] = s;
            } else if (type.startsWith("text/plain")) {
                text[0] = s;
            }
        }
    }

    /** GreenMail accepts every recipient; this one refuses the addresses in {@link #REJECTED}. */
    private static final class RejectingGreenMail extends GreenMail {

        RejectingGreenMail(ServerSetup setup) {
            super(setup);
            // GreenMail builds its services from this field when it starts.
            this.managers = new RejectingManagers();
        }
    }

    private static final class RejectingManagers extends Managers {

        private final SmtpManager smtp = new SmtpManager(getImapHostManager(), getUserManager()) {
            @Override
            public String checkRecipient(SmtpState state, MailAddress address) {
                return REJECTED.contains(address.getEmail().toLowerCase(Locale.ROOT))
                        ? "550 5.1.1 Mailbox unavailable (rejected by the test)"
                        : null;
            }
        };

        @Override
        public SmtpManager getSmtpManager() {
            return smtp;
        }
    }
}
