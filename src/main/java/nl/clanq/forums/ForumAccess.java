package nl.clanq.forums;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.clanq.organisations.Organisations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * C5, S9: decides per request what a person may read, from their seats and confirmed licences as
 * they are now: a licence added or dropped counts on the next request.
 */
@Service
@Transactional(readOnly = true)
public class ForumAccess {

    private final JdbcClient jdbc;
    private final Organisations organisations;

    ForumAccess(JdbcClient jdbc, Organisations organisations) {
        this.jdbc = jdbc;
        this.organisations = organisations;
    }

    @Transactional(propagation = Propagation.SUPPORTS)
    public Reader reader(long userId, boolean staff) {
        if (staff) {
            return new Reader(userId, true, Set.of(), Set.of());
        }
        Organisations.Licensing licensing = organisations.licensing(userId);
        Set<Long> vendors = new HashSet<>(licensing.communities());
        if (vendors.isEmpty()) {
            return new Reader(userId, false, Set.of(), Set.of());
        }
        List<Long> modules = licensing.modules();
        List<Long> readable = jdbc.sql(
                        """
                        select id from forum
                        where vendor_id = any(:vendors) and (kind = 'GENERAL' or module_id = any(:modules))""")
                .param("vendors", vendors.toArray(Long[]::new))
                .param("modules", modules.toArray(Long[]::new))
                .query(Long.class)
                .list();
        return new Reader(userId, false, Set.copyOf(vendors), Set.copyOf(readable));
    }
}
