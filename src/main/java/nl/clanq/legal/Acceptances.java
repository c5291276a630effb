package nl.clanq.legal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.clanq.shared.db.Remembered;
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
        this.published = new Remembered<>(
                REFRESH, () -> jdbc.sql("select document, version, effective_at, id from legal_version")
                        .query(Rows.of(Published.class))
                        .list());
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

    /** The current versions the person has not accepted yet (for the acceptance page). */
    @Transactional(propagation = Propagation.SUPPORTS)
    public List<Current> missing(long userId) {
        return check(userId).missing();
    }

    @Transactional(propagation = Propagation.SUPPORTS)
    public List<Current> current() {
        return jdbc.sql(CURRENT).query(Rows.of(Current.class)).list();
    }

    public record Current(String document, String version) {}

    /**
     * The versions in force and which of them the person has not accepted yet, in one statement.
     * {@code inForce} names the versions (see {@link #inForceNow()}).
     */
    public record Check(String inForce, List<Current> missing) {}

    @Transactional(propagation = Propagation.SUPPORTS)
    public Check check(long userId) {
        record Row(String document, String version, boolean accepted) {}
        List<Row> rows = jdbc.sql("select c.document, c.version, exists (select 1 from document_acceptance a"
                        + " where a.user_id = ? and a.document = c.document and a.version = c.version) as accepted"
                        + " from (" + CURRENT + ") c")
                .param(userId)
                .query(Rows.of(Row.class))
                .list();
        return new Check(
                name(rows.stream().map(r -> new Current(r.document(), r.version()))),
                rows.stream()
                        .filter(r -> !r.accepted())
                        .map(r -> new Current(r.document(), r.version()))
                        .toList());
    }

    /** How long the published versions are kept in memory before they are read again. */
    static final Duration REFRESH = Duration.ofSeconds(30);

    private record Published(String document, String version, Instant effectiveAt, long id) {}

    private final Remembered<List<Published>> published;

    /**
     * The versions in force now, as one name ("PRIVACY 2026-05|TERMS 2026-05"), from the published
     * versions kept in memory: they are few, and those to come take effect by the clock. A version
     * published on this node counts once its transaction has ended, one published on another node
     * within {@link #REFRESH}.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public String inForceNow() {
        // The same choice as CURRENT, by the real time as the database has it (not a test's clock).
        Instant at = Instant.now();
        Map<String, Published> inForce = new TreeMap<>();
        for (Published p : published.get()) {
            if (!p.effectiveAt().isAfter(at)) {
                inForce.merge(p.document(), p, (a, b) -> later(a, b));
            }
        }
        return name(inForce.values().stream().map(p -> new Current(p.document(), p.version())));
    }

    private static Published later(Published a, Published b) {
        int byDate = a.effectiveAt().compareTo(b.effectiveAt());
        return byDate != 0 ? (byDate > 0 ? a : b) : (a.id() > b.id() ? a : b);
    }

    private static String name(java.util.stream.Stream<Current> versions) {
        return versions.sorted(java.util.Comparator.comparing(Current::document))
                .map(c -> c.document() + " " + c.version())
                .collect(java.util.stream.Collectors.joining("|"));
    }

    /** A version was published in the current transaction: read them again once it has ended. */
    void published() {
        published.changed();
    }
}
