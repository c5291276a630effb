package nl.clanq.mail.internal;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.List;
import nl.clanq.mail.MailMessage;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Turns a {@link MailMessage} into the HTML and plain-text bodies that are stored and sent. */
@Component
public class MailRenderer {

    static final String TEMPLATE = "mail/message.jte";

    private final TemplateEngine templates;
    private final MessageSource messages;

    MailRenderer(TemplateEngine templates, MessageSource messages) {
        this.templates = templates;
        this.messages = messages;
    }

    public record Bodies(String text, String html) {}

    public Bodies render(MailMessage message) {
        MailContent content = new MailContent(
                message.locale().getLanguage(),
                message.subject(),
                message.paragraphs().stream().map(p -> p.lines().toList()).toList(),
                message.code(),
                t(message, "mail.message.code"),
                message.actionLabel(),
                message.actionUrl(),
                t(message, "mail.message.linkHint"),
                message.unsubscribeLabel(),
                message.unsubscribeUrl(),
                t(message, "mail.message.footer"));
        StringOutput html = new StringOutput();
        templates.render(TEMPLATE, content, html);
        return new Bodies(text(content), html.toString());
    }

    private String t(MailMessage message, String key) {
        return messages.getMessage(key, null, key, message.locale());
    }

    private static String text(MailContent content) {
        StringBuilder text = new StringBuilder();
        for (List<String> paragraph : content.paragraphs()) {
            text.append(String.join("\n", paragraph)).append("\n\n");
        }
        if (content.hasCode()) {
            text.append(content.codeLabel()).append(": ").append(content.code()).append("\n\n");
        }
        if (content.hasAction()) {
            text.append(content.actionLabel())
                    .append(": ")
                    .append(content.actionUrl())
                    .append("\n\n");
        }
        if (content.hasUnsubscribe()) {
            text.append(content.unsubscribeLabel())
                    .append(": ")
                    .append(content.unsubscribeUrl())
                    .append("\n\n");
        }
        // "-- " on its own line is the signature separator mail clients recognise.
        text.append("-- \n").append(content.footer()).append('\n');
        return text.toString();
    }
}
