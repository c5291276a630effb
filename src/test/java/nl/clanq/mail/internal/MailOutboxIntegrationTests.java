package nl.clanq.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import nl.clanq.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class MailOutboxIntegrationTests {

    @Autowired
    MailOutbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPersonalMailIsSentBeforeWaitingAnnouncements() {
        // Due far in the future, so that only this test's claim sees them (the sender job does not).
        Instant due = Instant.parse("2200-01-01T00:00:00Z").plusSeconds(System.nanoTime() % 100_000);
        for (int i = 0; i < 3; i++) {
            insert("bulk-" + i + "@example.nl", true, due.minusSeconds(60));
        }
        insert("personal@example.nl", false, due);

        List<MailOutbox.Claimed> first = outbox.claimDue(due, due.plusSeconds(600), 1);

        assertThat(first).extracting(MailOutbox.Claimed::recipient).containsExactly("personal@example.nl");
        jdbc.sql("delete from mail_outbox where next_attempt_at >= ?")
                .param(due.minusSeconds(60).atOffset(ZoneOffset.UTC))
                .update();
    }

    private void insert(String to, boolean bulk, Instant due) {
        jdbc.sql(
                        """
                        insert into mail_outbox (kind, recipient, subject, body_text, body_html, next_attempt_at, bulk)
                        values ('test.outbox', ?, 'Onderwerp', 'Tekst', '<p>Tekst</p>', ?, ?)""")
                .params(to, due.atOffset(ZoneOffset.UTC), bulk)
                .update();
    }
}
