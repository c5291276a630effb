package nl.clanq.forums;

import nl.clanq.catalog.ModuleAdded;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** C2, C14: a module that is added gets its forum at once, in the same transaction. */
@Component
class ForumLifecycle {

    private final JdbcClient jdbc;

    ForumLifecycle(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
    }
}
