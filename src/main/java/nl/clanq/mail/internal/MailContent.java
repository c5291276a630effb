package nl.clanq.mail.internal;

import java.util.List;

/**
 * What the HTML mail layout ({@code mail/message.jte}) shows: everything already translated, for
 * one recipient. Mails are rendered outside any web request, so the layout never sees the page's
 * {@code Ui}.
 *
 * @param paragraphs each paragraph as its lines, so that line breaks survive in HTML
 */
public record MailContent(
        String lang,
        String subject,
        List<List<String>> paragraphs,
        String code,
        String codeLabel,
        String actionLabel,
        String actionUrl,
        String linkHint,
        String unsubscribeLabel,
        String unsubscribeUrl,
        String footer) {

    public boolean hasCode() {
        return code != null;
    }

    public boolean hasAction() {
        return actionUrl != null;
    }

    public boolean hasUnsubscribe() {
        return unsubscribeUrl != null;
    }
}
