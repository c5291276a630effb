package nl.clanq.messaging;

import java.util.List;
import nl.clanq.shared.crypto.SecretCipher;
import nl.clanq.shared.db.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * S6: after a new current key is configured, message bodies stored under older keys are
 * re-encrypted in the background, a batch at a time ({@code skip locked}: any node may run it).
 * Old keys must stay configured until no row uses them any more.
 */
@Component
class MessageKeyRotation {

    static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    MessageKeyRotation(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    record Row(long id, long conversationId, String bodyEncrypted) {}

    /** Re-encrypts one batch; answers how many rows moved to the current key. */
    @Scheduled(
            fixedDelayString = "${clanq.messaging.rekey-interval:5m}",
            initialDelayString = "${clanq.messaging.rekey-interval:5m}")
    @Transactional
    public int rekeyBatch() {
        String current = cipher.currentKeyId();
        List<Row> rows = jdbc.sql(
                        """
                        select id, conversation_id, body_encrypted from message where key_id <> ?
                        order by id limit ? for update skip locked""")
                .params(current, BATCH)
                .query(Rows.of(Row.class))
                .list();
        for (Row row : rows) {
            String rekeyed = cipher.reencrypt(row.bodyEncrypted(), Messaging.context(row.conversationId()));
            jdbc.sql("update message set body_encrypted = ?, key_id = ? where id = ?")
                    .params(rekeyed, current, row.id())
                    .update();
        }
        return rows.size();
    }
}
