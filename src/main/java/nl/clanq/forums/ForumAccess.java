package nl.clanq.forums;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.clanq.organisations.Organisations;
import nl.clanq.shared.db.Remembered;
import nl.clanq.shared.db.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * C5, S9: decides per request what a person may read, from their seats and confirmed licences as
 * they are now: a licence added or dropped counts on the next request.
 *
 * <p>Which forums a licence opens follows from each forum's vendor, kind and module, which never
 * change once the forum exists. So the forums are kept in memory ({@link #REFRESH}), not asked for on
 * every request; a forum opened on this node counts as soon as its transaction ends, one opened on
 * another node within {@link #REFRESH}.
 */
@Service
@Transactional(readOnly = true)
public class ForumAccess {

    static final Duration REFRESH = Duration.ofSeconds(30);

    private record Keys(long id, long vendorId, String kind, Long moduleId) {}

    private final Organisations organisations;
    private final Remembered<List<Keys>> forums;

    ForumAccess(JdbcClient jdbc, Organisations organisations) {
        this.organisations = organisations;
        this.forums = new Remembered<>(REFRESH, () -> jdbc.sql("select id, vendor_id, kind, module_id from forum")
                .query(Rows.of(Keys.class))
                .list());
    }

    @Transactional(propagation = Propagation.SUPPORTS)
    public Reader reader(long userId, boolean staff) {
        if (staff) {
            return new Reader(userId, true, Set.of(), Set.of());
        }
        Organisations.Licensing licensing = organisations.licensing(userId);
        Set<Long> vendors = Set.copyOf(licensing.communities());
        if (vendors.isEmpty()) {
            return new Reader(userId, false, Set.of(), Set.of());
        }
        Set<Long> modules = Set.copyOf(licensing.modules());
        Set<Long> readable = new HashSet<>();
        for (Keys f : forums.get()) {
            if (vendors.contains(f.vendorId())
                    && (f.kind().equals("GENERAL") || (f.moduleId() != null && modules.contains(f.moduleId())))) {
                readable.add(f.id());
            }
        }
        return new Reader(userId, false, vendors, Set.copyOf(readable));
    }

    /** A forum was opened in the current transaction: read the forums again once it has ended. */
    void forumOpened() {
        forums.changed();
    }
}
