package nl.clanq.catalog;

import java.util.Map;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;

/** Staff created or changed a vendor or a module. */
public record CatalogChanged(
        long actorId, String actorLabel, String action, String targetType, long targetId, String name)
        implements Audited {

    @Override
    public AuditFacts audit() {
        return new AuditFacts(
                actorId, actorLabel, action, targetType, Long.toString(targetId), null, Map.of("name", name));
    }
}
