package nl.clanq.organisations;

import java.util.Map;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;

/**
 * Something happened to an organisation, its memberships, licences or people. Every governance act
 * publishes one, so the audit log holds them all (S8).
 */
public record OrganisationChanged(
        Long actorId,
        String actorLabel,
        String action,
        String targetType,
        String targetId,
        long organisationId,
        Map<String, String> details)
        implements Audited {

    @Override
    public AuditFacts audit() {
        return new AuditFacts(actorId, actorLabel, action, targetType, targetId, organisationId, details);
    }
}
