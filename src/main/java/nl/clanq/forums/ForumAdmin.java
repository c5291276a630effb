package nl.clanq.forums;

import java.util.List;
import java.util.Map;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff switch on a vendor's general forum, and order and describe forums (C2). */
@Service
@Transactional
public class ForumAdmin {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ForumAccess access;

    ForumAdmin(JdbcClient jdbc, ApplicationEventPublisher events, ForumAccess access) {
        this.access = access;
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<ForumRef> forumsOf(long vendorId) {
        return jdbc.sql(Forums.FORUM + " where f.vendor_id = ? order by f.kind desc, f.position, lower(f.name)")
                .param(vendorId)
                .query(Rows.of(ForumRef.class))
                .list();
    }

    @Transactional(readOnly = true)
    public java.util.Optional<ForumRef> forum(long forumId) {
        return jdbc.sql(Forums.FORUM + " where f.id = ?")
                .param(forumId)
                .query(Rows.of(ForumRef.class))
                .optional();
    }

    public void openGeneralForum(long vendorId, String name, long staffId, String staffLabel) {
        int created = jdbc.sql(
                        """
                        insert into forum (vendor_id, kind, name, slug, description, position)
                        values (?, 'GENERAL', ?, 'algemeen', '', 0) on conflict do nothing""")
                .params(vendorId, name)
                .update();
        if (created > 0) {
            access.forumOpened();
            events.publishEvent(new ForumActed(
                    staffId, staffLabel, "forum.general.opened", "vendor", vendorId, Map.of("name", name)));
        }
    }

    public void update(long forumId, String name, String description, int position, long staffId, String label) {
        int changed = jdbc.sql("update forum set name = ?, description = ?, position = ? where id = ?")
                .params(name, description, position, forumId)
                .update();
        if (changed == 0) {
            throw new NotFoundException();
        }
        events.publishEvent(new ForumActed(staffId, label, "forum.updated", "forum", forumId, Map.of("name", name)));
    }
}
