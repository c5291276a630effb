package nl.clanq.forums;

import java.util.Map;
import nl.clanq.catalog.ModuleAdded;
import nl.clanq.catalog.ModuleRenamed;
import nl.clanq.catalog.ModuleRetired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * C2, C14: forums follow their modules, in the transaction of the catalog change: a new module gets
 * its forum, a renamed one takes its forum along (the old address redirects), a retired one hands
 * its topics to the successor's forum or becomes a read-only archive.
 */
@Component
class ForumLifecycle {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ForumCounts counts;
    private final ForumAccess access;

    ForumLifecycle(JdbcClient jdbc, ApplicationEventPublisher events, ForumCounts counts, ForumAccess access) {
        this.access = access;
        this.jdbc = jdbc;
        this.events = events;
        this.counts = counts;
    }

    @EventListener
    void on(ModuleRenamed renamed) {
        Long forumId = jdbc.sql("select id from forum where module_id = ?")
                .param(renamed.moduleId())
                .query(Long.class)
                .optional()
                .orElse(null);
        if (forumId == null) {
            return;
        }
        jdbc.sql("update forum set name = ?, slug = ? where id = ?")
                .params(renamed.name(), renamed.newSlug(), forumId)
                .update();
        if (!renamed.oldSlug().equals(renamed.newSlug())) {
            jdbc.sql(
                            """
                            insert into forum_redirect (vendor_id, old_slug, forum_id) values (?, ?, ?)
                            on conflict (vendor_id, old_slug) do update set forum_id = excluded.forum_id""")
                    .params(renamed.vendorId(), renamed.oldSlug(), forumId)
                    .update();
            // A slug that is in use again must not redirect any more.
            jdbc.sql("delete from forum_redirect where vendor_id = ? and old_slug = ?")
                    .params(renamed.vendorId(), renamed.newSlug())
                    .update();
        }
    }

    @EventListener
    void on(ModuleRetired retired) {
        Long forumId = jdbc.sql("select id from forum where module_id = ?")
                .param(retired.moduleId())
                .query(Long.class)
                .optional()
                .orElse(null);
        if (forumId == null) {
            return;
        }
        if (retired.successorId() == null) {
            jdbc.sql("update forum set status = 'ARCHIVED' where id = ?")
                    .param(forumId)
                    .update();
            events.publishEvent(new ForumActed(
                    retired.actorId(), retired.actorLabel(), "forum.archived", "forum", forumId, Map.of()));
            return;
        }
        long successor = jdbc.sql("select id from forum where module_id = ?")
                .param(retired.successorId())
                .query(Long.class)
                .single();
        int moved = jdbc.sql("update topic set forum_id = ? where forum_id = ?")
                .params(successor, forumId)
                .update();
        jdbc.sql("update forum set status = 'ARCHIVED', merged_into = ?, topic_count = 0, post_count = 0 where id = ?")
                .params(successor, forumId)
                .update();
        counts.recount(successor);
        events.publishEvent(new ForumActed(
                retired.actorId(),
                retired.actorLabel(),
                "forum.merged",
                "forum",
                forumId,
                Map.of("into", Long.toString(successor), "topics", Integer.toString(moved))));
    }

    @EventListener
    void on(ModuleAdded added) {
        jdbc.sql(
                        """
                        insert into forum (vendor_id, module_id, kind, name, slug, description, position)
                        select vendor_id, id, 'MODULE', name, slug, description, position from software_module
                        where id = ? on conflict do nothing""")
                .param(added.moduleId())
                .update();
        access.forumOpened();
    }
}
