package nl.clanq.accounts;

import java.util.Map;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;

/**
 * An administrator changed the staff team (C10, S8): {@code staff.member.added}, {@code
 * staff.role.changed} (with {@code from} and {@code to}) or {@code staff.member.removed}.
 */
public record StaffTeamChanged(
        long actorId, String actorLabel, String action, long staffUserId, Map<String, String> details)
        implements Audited {

    @Override
    public AuditFacts audit() {
        return new AuditFacts(actorId, actorLabel, action, "user", Long.toString(staffUserId), null, details);
    }
}
