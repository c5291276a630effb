package nl.clanq.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;
import nl.clanq.IntegrationTest;
import nl.clanq.TestMail;
import nl.clanq.TestMail.ReceivedMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class MailIntegrationTests {

    static final Locale DUTCH = Locale.of("nl");

    @Autowired
    Mailer mailer;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Test
    void committedTransactionDeliversTextAndHtmlWithTheFooterInTheRecipientsLanguage() throws Exception {
        String english = address("commit-en");
        String dutch = address("commit-nl");

        tx.executeWithoutResult(status -> {
            mailer.send(verification(english, Locale.ENGLISH));
            mailer.send(verification(dutch, DUTCH));
        });

        ReceivedMail mail = TestMail.awaitMailTo(english);
        assertThat(mail.subject()).isEqualTo("Your verification code");
        assertThat(mail.from()).isEqualTo("Clanq <noreply@clanq.nl>");
        assertThat(mail.mime().getContentType()).startsWith("multipart/alternative");
        assertThat(mail.header("List-Unsubscribe")).isEqualTo("<https://clanq.nl/unsubscribe>");
        assertThat(mail.text())
                .contains("Welcome <b>Jan</b> & co.")
                .contains("Your code: 493027")
                .contains("Verify: http://localhost:8080/verify?token=a&b=c")
                .contains("This e-mail was sent automatically by Clanq");
        assertThat(mail.html())
                .contains("<html lang=\"en\">")
                .contains("Welcome &lt;b&gt;Jan&lt;/b&gt; &amp; co.")
                .doesNotContain("<b>Jan</b>")
                .contains(">493027<")
                .contains("href=\"http://localhost:8080/verify?token=a&amp;b=c\"")
                .contains("This e-mail was sent automatically by Clanq");

        ReceivedMail inDutch = TestMail.awaitMailTo(dutch);
        assertThat(inDutch.text()).contains("Uw code: 493027").contains("automatisch verstuurd door Clanq");
        assertThat(inDutch.html()).contains("<html lang=\"nl\">").contains("automatisch verstuurd door Clanq");
        await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(statusOf(english)));
    }

    @Test
    void rolledBackTransactionSendsNothing() {
        String rolledBack = address("rollback");
        String committed = address("after-rollback");

        tx.executeWithoutResult(status -> {
            mailer.send(verification(rolledBack, DUTCH));
            status.setRollbackOnly();
        });
        tx.executeWithoutResult(status -> mailer.send(verification(committed, DUTCH)));

        TestMail.awaitMailTo(committed);
        assertThat(outboxRows(rolledBack)).isZero();
        assertThat(TestMail.receivedBy(rolledBack)).isEmpty();
    }

    @Test
    void sendingOutsideATransactionFails() {
        String outside = address("outside");

        assertThatThrownBy(() -> mailer.send(verification(outside, DUTCH)))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(outboxRows(outside)).isZero();
    }

    @Test
    void failingDeliveryBacksOffEndsFailedAndStaffRetryDeliversIt() throws Exception {
        String refused = address("refused");
        TestMail.rejectRecipient(refused);
        try {
            tx.executeWithoutResult(status -> mailer.send(verification(refused, DUTCH)));
            long id = jdbc.sql("select id from mail_outbox where recipient = ?")
                    .param(refused)
                    .query(Long.class)
                    .single();

            Duration[] backOff = {
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(30),
                Duration.ofHours(2),
                Duration.ofHours(6)
            };
            Instant due = Instant.now();
            for (int attempt = 1; attempt <= 6; attempt++) {
                int expected = attempt;
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> jdbc.sql("select attempts from mail_outbox where id = ? and status <> 'SENDING'")
                                        .param(id)
                                        .query(Integer.class)
                                        .optional()
                                        .orElse(-1)
                                == expected);
                Instant failedBy = Instant.now();
                assertThat(lastError(id)).contains("550").contains("Mailbox unavailable");
                if (attempt < 6) {
                    assertThat(statusOf(refused)).isEqualTo("PENDING");
                    Instant next = nextAttemptAt(id);
                    Duration pause = backOff[attempt - 1];
                    assertThat(next)
                            .isBetween(
                                    due.plus(pause).minusSeconds(2),
                                    failedBy.plus(pause).plusSeconds(2));
                    // Move the clock forward, in effect: the next attempt is due now.
                    due = Instant.now();
                    jdbc.sql("update mail_outbox set next_attempt_at = now() where id = ?")
                            .param(id)
                            .update();
                }
            }
            assertThat(statusOf(refused)).isEqualTo("FAILED");
            assertThat(TestMail.receivedBy(refused)).isEmpty();

            mvc.perform(get("/staff/mail").with(staff()))
                    .andExpect(status().isOk())
                    .andExpect(content().string(org.hamcrest.Matchers.containsString(refused)))
                    .andExpect(content()
                            .string(org.hamcrest.Matchers.containsString("action=\"/staff/mail/" + id + "/retry\"")));

            TestMail.acceptRecipient(refused);
            mvc.perform(post("/staff/mail/" + id + "/retry").with(staff()).with(csrf()))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(redirectedUrl("/staff/mail"))
                    .andExpect(flash().attribute("flash", "De mail aan " + refused + " staat weer in de wachtrij."));

            assertThat(TestMail.awaitMailTo(refused).subject()).isEqualTo("Uw verificatiecode");
            await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(statusOf(refused)));
            assertThat(jdbc.sql("select attempts from mail_outbox where id = ?")
                            .param(id)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);

            mvc.perform(post("/staff/mail/" + id + "/retry").with(staff()).with(csrf()))
                    .andExpect(redirectedUrl("/staff/mail"))
                    .andExpect(flash().attribute(
                                    "flash", "Deze mail is niet mislukt en staat al in de wachtrij of is verstuurd."));
        } finally {
            TestMail.acceptRecipient(refused);
        }
    }

    @Test
    void retryNeedsTheCsrfTokenAndAnExistingMail() throws Exception {
        // A refused CSRF check under /staff/** looks like any other hidden page.
        mvc.perform(post("/staff/mail/1/retry").with(staff())).andExpect(status().isNotFound());
        mvc.perform(post("/staff/mail/" + Long.MAX_VALUE + "/retry")
                        .with(staff())
                        .with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void staffMailPagesAreHiddenFromEveryoneButStaff() throws Exception {
        mvc.perform(get("/staff/mail")).andExpect(status().isNotFound());
        mvc.perform(get("/staff/mail/sent")).andExpect(status().isNotFound());
        mvc.perform(get("/staff/mail").with(user("member@example.nl").roles("MEMBER")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/staff/mail/sent").with(user("member@example.nl").roles("MEMBER")))
                .andExpect(status().isNotFound());
    }

    @Test
    void inDemoModeStaffReadEverySentMail() throws Exception {
        String reader = address("demo-reader");
        tx.executeWithoutResult(status -> mailer.send(verification(reader, DUTCH)));
        TestMail.awaitMailTo(reader);
        long id = jdbc.sql("select id from mail_outbox where recipient = ?")
                .param(reader)
                .query(Long.class)
                .single();

        mvc.perform(get("/staff/mail/sent").with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("href=\"/staff/mail/" + id + "\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(reader)));

        mvc.perform(get("/staff/mail/" + id).with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(reader)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Uw code: 493027")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Welkom &lt;b&gt;Jan&lt;/b&gt;")))
                .andExpect(
                        content().string(org.hamcrest.Matchers.containsString("src=\"/staff/mail/" + id + "/html\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("sandbox=")));

        mvc.perform(get("/staff/mail/" + id + "/html").with(staff()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(header().string(
                                "Content-Security-Policy",
                                org.hamcrest.Matchers.allOf(
                                        org.hamcrest.Matchers.containsString("default-src 'none'"),
                                        org.hamcrest.Matchers.containsString("frame-ancestors 'self'"),
                                        org.hamcrest.Matchers.containsString("sandbox"))))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(">493027<")));

        mvc.perform(get("/staff/mail/" + Long.MAX_VALUE).with(staff())).andExpect(status().isNotFound());
        mvc.perform(get("/staff/mail/not-a-number").with(staff())).andExpect(status().isNotFound());
    }

    @Test
    void linksAreAbsoluteOnTheConfiguredBaseUrl() {
        assertThat(mailer.link("/verify?token=x")).isEqualTo("http://localhost:8080/verify?token=x");
        assertThatThrownBy(() -> mailer.link("//evil.example/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailer.link("https://evil.example/")).isInstanceOf(IllegalArgumentException.class);
    }

    private MailMessage verification(String to, Locale locale) {
        boolean english = locale.getLanguage().equals("en");
        return MailMessage.to(to, locale)
                .kind("test.verify-code")
                .subject(english ? "Your verification code" : "Uw verificatiecode")
                .paragraph(english ? "Welcome <b>Jan</b> & co." : "Welkom <b>Jan</b> & co.")
                .paragraph(english ? "Type the code below." : "Typ de code hieronder over.")
                .code("493027")
                .action(english ? "Verify" : "Bevestigen", mailer.link("/verify?token=a&b=c"))
                .header("List-Unsubscribe", "<https://clanq.nl/unsubscribe>")
                .build();
    }

    private static String address(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
    }

    private static RequestPostProcessor staff() {
        return SecurityMockMvcRequestPostProcessors.user("staff@clanq.nl").roles("STAFF", "ADMIN");
    }

    private int outboxRows(String recipient) {
        return jdbc.sql("select count(*) from mail_outbox where recipient = ?")
                .param(recipient)
                .query(Integer.class)
                .single();
    }

    private String statusOf(String recipient) {
        return jdbc.sql("select status from mail_outbox where recipient = ?")
                .param(recipient)
                .query(String.class)
                .single();
    }

    private String lastError(long id) {
        return jdbc.sql("select last_error from mail_outbox where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private Instant nextAttemptAt(long id) {
        return jdbc.sql("select next_attempt_at from mail_outbox where id = ?")
                .param(id)
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .single();
    }
}
