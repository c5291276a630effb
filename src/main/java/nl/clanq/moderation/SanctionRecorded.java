package nl.clanq.moderation;

import java.util.Map;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;

/**
 * A sanction act that the audit log keeps (S8): a member or organisation blocked or unblocked, a
 * warning, a private note (whose text never goes into the log).
 */
public record SanctionRecorded(
        long actorId,
        String actorLabel,
        String action,
        String targetType,
        long targetId,
        Long organisationId,
        Map<String, String> details)
        implements Audited {

    @Override
    public AuditFacts audit() {
        return new AuditFacts(
                actorId, actorLabel, action, targetType, Long.toString(targetId), organisationId, details);
    }
}
