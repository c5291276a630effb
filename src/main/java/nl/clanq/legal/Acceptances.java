package nl.clanq.legal;

import java.util.List;
import nl.clanq.shared.db.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * C10, B7: records that a person accepted the terms of use and the privacy statement — which
 * version, when and from which address — and tells which current versions they have not accepted.
 */
@Service
@Transactional
public class Acceptances {

    private final JdbcClient jdbc;

    Acceptances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The versions in force now (effective, latest per document). */
    static final String CURRENT =
            """
            select distinct on (document) document, version from legal_version
            where effective_at <= now() order by document, effective_at desc, id desc""";

    /** Both documents' current versions accepted now by {@code userId} from {@code ip}. */
    public void acceptCurrent(long userId, String ip) {
        for (Current c : current()) {
            jdbc.sql("insert into document_acceptance (user_id, document, version, ip) values (?, ?, ?, ?)")
                    .params(userId, c.document(), c.version(), ip)
                    .update();
        }
    }

    /**
     * The current versions the person has not accepted yet. Asked on every signed-in request (the
     * acceptance gate): one statement, so it joins a running transaction but opens none of its own.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public List<Current> missing(long userId) {
        return jdbc.sql("select c.document, c.version from (" + CURRENT + ") c where not exists ("
                        + "select 1 from document_acceptance a where a.user_id = ? and a.document = c.document"
                        + " and a.version = c.version)")
                .param(userId)
                .query(Rows.of(Current.class))
                .list();
    }

    @Transactional(propagation = Propagation.SUPPORTS)
    public List<Current> current() {
        return jdbc.sql(CURRENT).query(Rows.of(Current.class)).list();
    }

    public record Current(String document, String version) {}
}
