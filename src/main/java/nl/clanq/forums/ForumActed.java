package nl.clanq.forums;

import java.util.Map;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;

/** An act on forum content that the audit log keeps (S8): staff pins, closes, edits; answers accepted. */
public record ForumActed(
        long actorId, String actorLabel, String action, String targetType, long targetId, Map<String, String> details)
        implements Audited {

    @Override
    public AuditFacts audit() {
        return new AuditFacts(actorId, actorLabel, action, targetType, Long.toString(targetId), null, details);
    }
}
