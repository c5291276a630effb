package nl.clanq.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MailMessageTests {

    private MailMessage.Builder mail() {
        return MailMessage.to("jan@example.nl", Locale.ENGLISH)
                .kind("test.kind")
                .subject("Subject")
                .paragraph("Hello");
    }

    @Test
    void buildsAMessageWithEverything() {
        MailMessage message = mail().code("123456")
                .action("Open", "https://clanq.nl/x")
                .header("List-Unsubscribe", "<https://clanq.nl/u>")
                .build();

        assertThat(message.to()).isEqualTo("jan@example.nl");
        assertThat(message.paragraphs()).containsExactly("Hello");
        assertThat(message.headers()).containsEntry("List-Unsubscribe", "<https://clanq.nl/u>");
    }

    @Test
    void anUnsubscribeLinkBecomesTheRfc8058Headers() {
        MailMessage message = mail().unsubscribe("Unsubscribe", "https://clanq.nl/unsubscribe/abc")
                .build();

        assertThat(message.hasUnsubscribe()).isTrue();
        assertThat(message.headers())
                .containsEntry("List-Unsubscribe", "<https://clanq.nl/unsubscribe/abc>")
                .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        assertThatThrownBy(() ->
                        mail().unsubscribe("Unsubscribe", "/unsubscribe/abc").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mail().unsubscribe(null, "https://clanq.nl/unsubscribe/abc")
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnInvalidOrDecoratedRecipient() {
        assertThatThrownBy(() -> MailMessage.to("not an address", Locale.ENGLISH)
                        .kind("k")
                        .subject("s")
                        .paragraph("p")
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailMessage.to("Jan <jan@example.nl>", Locale.ENGLISH)
                        .kind("k")
                        .subject("s")
                        .paragraph("p")
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesLineBreaksInHeaderValues() {
        assertThatThrownBy(() -> mail().subject("Hi\r\nBcc: x@evil.example").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> mail().header("X-Test", "a\nBcc: x@evil.example").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesHeadersTheModuleSetsItself() {
        assertThatThrownBy(() -> mail().header("Bcc", "x@evil.example").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mail().header("from", "x@evil.example").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsOnlyAbsoluteWebLinksAsButtons() {
        assertThatThrownBy(() -> mail().action("Click", "javascript:alert(1)").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mail().action("Click", "/relative").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mail().action(null, "https://clanq.nl/").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void needsSomethingToSayAndAKind() {
        assertThatThrownBy(() -> MailMessage.to("jan@example.nl", Locale.ENGLISH)
                        .kind("k")
                        .subject("s")
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mail().kind("Not A Kind").build()).isInstanceOf(IllegalArgumentException.class);
    }
}
