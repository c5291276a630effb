package nl.clanq.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One mail to one person, with its text already translated by the caller. Clanq renders it in one
 * layout (HTML and plain text) with a footer in the recipient's language. Build it with
 * {@link #to(String, Locale)}:
 *
 * <pre>{@code
 * mailer.send(MailMessage.to(user.email(), user.locale())
 *         .kind("account.verify-code")
 *         .subject(t("accounts.verify.subject"))
 *         .paragraph(t("accounts.verify.intro"))
 *         .code("493027")
 *         .action(t("accounts.verify.button"), mailer.link("/verify?token=" + token))
 *         .build());
 * }</pre>
 *
 * @param to the recipient's address ({@code name@example.nl})
 * @param locale the recipient's language; chooses the footer text
 * @param kind a short stable name such as {@code account.verify-code}, shown to staff
 * @param subject the subject line
 * @param paragraphs plain-text paragraphs, in order
 * @param code a short code to show prominently, or {@code null}
 * @param actionLabel the button text, or {@code null} when there is no button
 * @param actionUrl the absolute http(s) URL of the button, or {@code null}
 * @param unsubscribeLabel the text of the unsubscribe link under the button, or {@code null}
 * @param unsubscribeUrl the absolute http(s) URL that unsubscribes with one click, or {@code null};
 *     it also becomes the RFC 8058 headers {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}
 * @param headers extra mail headers (e.g. {@code List-Unsubscribe}); never From, To or Subject
 * @param bulk one of many identical announcements (e.g. new terms to every user): sent after every
 *     waiting personal mail, so that codes and links never queue behind an announcement
 */
public record MailMessage(
        String to,
        Locale locale,
        String kind,
        String subject,
        List<String> paragraphs,
        String code,
        String actionLabel,
        String actionUrl,
        String unsubscribeLabel,
        String unsubscribeUrl,
        Map<String, String> headers,
        boolean bulk) {

    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "from",
            "to",
            "cc",
            "bcc",
            "reply-to",
            "sender",
            "subject",
            "date",
            "message-id",
            "mime-version",
            "content-type",
            "content-transfer-encoding");

    public MailMessage {
        to = address(to);
        locale = Objects.requireNonNull(locale, "locale");
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must be a short dotted name, got: " + kind);
        }
        subject = singleLine(subject, "subject");
        paragraphs = List.copyOf(paragraphs == null ? List.of() : paragraphs);
        code = code == null ? null : singleLine(code, "code");
        if (paragraphs.isEmpty() && code == null && actionUrl == null) {
            throw new IllegalArgumentException("a mail needs a paragraph, a code or an action");
        }
        if ((actionLabel == null) != (actionUrl == null)) {
            throw new IllegalArgumentException("an action needs both a label and a URL");
        }
        if (actionUrl != null) {
            actionLabel = singleLine(actionLabel, "actionLabel");
            actionUrl = absoluteWebUrl(actionUrl, "actionUrl");
        }
        if ((unsubscribeLabel == null) != (unsubscribeUrl == null)) {
            throw new IllegalArgumentException("an unsubscribe link needs both a label and a URL");
        }
        if (unsubscribeUrl != null) {
            unsubscribeLabel = singleLine(unsubscribeLabel, "unsubscribeLabel");
            unsubscribeUrl = absoluteWebUrl(unsubscribeUrl, "unsubscribeUrl");
            Map<String, String> withUnsubscribe = new LinkedHashMap<>(headers == null ? Map.of() : headers);
            // RFC 8058: mail clients offer one-click unsubscribe by POSTing to this URL.
            withUnsubscribe.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
            withUnsubscribe.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            headers = withUnsubscribe;
        }
        headers = headers(headers);
    }

    public boolean hasUnsubscribe() {
        return unsubscribeUrl != null;
    }

    /** Starts a mail to {@code address}, written in the recipient's {@code locale}. */
    public static Builder to(String address, Locale locale) {
        return new Builder(address, locale);
    }

    private static String address(String to) {
        try {
            InternetAddress parsed = new InternetAddress(Objects.requireNonNull(to, "to"), true);
            if (parsed.getPersonal() != null || parsed.isGroup()) {
                throw new IllegalArgumentException("to must be a bare address, got: " + to);
            }
            return parsed.getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException("not a valid mail address: " + to, e);
        }
    }

    private static String singleLine(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        // A line break in a header value would let text become another header.
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + " must be a single line");
        }
        return value.strip();
    }

    private static String absoluteWebUrl(String url, String what) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + url, e);
        }
        // Escaping does not make a javascript: link harmless; only web links may become buttons.
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " must be an absolute http(s) URL, got: " + url);
        }
        return url;
    }

    private static Map<String, String> headers(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name == null || !HEADER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a valid header name: " + name);
            }
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + " is set by the mail module itself");
            }
            copy.put(name, singleLine(value, "header " + name));
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Collects the parts of a {@link MailMessage}; {@link #build()} checks them. */
    public static final class Builder {

        private final String to;
        private final Locale locale;
        private String kind;
        private String subject;
        private final List<String> paragraphs = new ArrayList<>();
        private String code;
        private String actionLabel;
        private String actionUrl;
        private String unsubscribeLabel;
        private String unsubscribeUrl;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private boolean bulk;

        private Builder(String to, Locale locale) {
            this.to = to;
            this.locale = locale;
        }

        /** A short stable name such as {@code account.verify-code}, for the staff lists. */
        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** Adds a paragraph of plain text; line breaks inside it are kept. */
        public Builder paragraph(String paragraph) {
            this.paragraphs.add(Objects.requireNonNull(paragraph, "paragraph"));
            return this;
        }

        public Builder paragraphs(List<String> paragraphs) {
            paragraphs.forEach(this::paragraph);
            return this;
        }

        /** A short code the recipient has to type, shown large. */
        public Builder code(String code) {
            this.code = code;
            return this;
        }

        /** A button with {@code label} that opens the absolute {@code url} (see {@link Mailer#link}). */
        public Builder action(String label, String url) {
            this.actionLabel = label;
            this.actionUrl = url;
            return this;
        }

        /**
         * A one-click unsubscribe link: shown as {@code label} under the button and sent as the
         * RFC 8058 headers, so that mail clients offer it too. {@code url} must accept a POST without
         * a login or CSRF token (see {@link Mailer#link}).
         */
        public Builder unsubscribe(String label, String url) {
            this.unsubscribeLabel = label;
            this.unsubscribeUrl = url;
            return this;
        }

        /** Marks an announcement to many recipients, sent after personal mail (see {@link MailMessage#bulk}). */
        public Builder bulk() {
            this.bulk = true;
            return this;
        }

        public Builder header(String name, String value) {
            this.headers.put(name, value);
            return this;
        }

        public MailMessage build() {
            return new MailMessage(
                    to,
                    locale,
                    kind,
                    subject,
                    paragraphs,
                    code,
                    actionLabel,
                    actionUrl,
                    unsubscribeLabel,
                    unsubscribeUrl,
                    headers,
                    bulk);
        }
    }
}
