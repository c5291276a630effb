package nl.clanq.legal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * C10: records that a person accepted the terms of use and the privacy statement: which version,
 * when and from which address. Versioned publication arrives with the moderation and terms work;
 * until then the current versions are the provisional texts.
 */
@Service
@Transactional
public class Acceptances {

    public static final String CURRENT_TERMS = "2026-11-provisional";
    public static final String CURRENT_PRIVACY = "2026-11-provisional";

    private final JdbcClient jdbc;

    Acceptances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Both current documents accepted now by {@code userId} from {@code ip}. */
    public void acceptCurrent(long userId, String ip) {
        record(userId, "TERMS", CURRENT_TERMS, ip);
        record(userId, "PRIVACY", CURRENT_PRIVACY, ip);
    }

    private void record(long userId, String document, String version, String ip) {
        jdbc.sql("insert into document_acceptance (user_id, document, version, ip) values (?, ?, ?, ?)")
                .params(userId, document, version, ip)
                .update();
    }
}
