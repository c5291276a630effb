package nl.clanq.shared.audit;

import java.util.Map;

/**
 * What the audit log records about one act. The client IP and the time are added by the audit
 * module from the current request.
 *
 * @param actorUserId the person who acted, or {@code null} for the system or an anonymous visitor
 * @param actorLabel how the actor is shown (name and email, "system", "visitor")
 * @param action a stable dotted name, e.g. {@code organisation.member.removed}
 * @param targetType what kind of thing was acted on, e.g. {@code user}, {@code organisation}
 * @param targetId its id, or {@code null}
 * @param organisationId the organisation the act concerns, or {@code null}
 * @param details further facts, shown to staff and owners; never secrets
 */
public record AuditFacts(
        Long actorUserId,
        String actorLabel,
        String action,
        String targetType,
        String targetId,
        Long organisationId,
        Map<String, String> details) {

    public AuditFacts {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
