package nl.clanq.accounts;

import java.util.Map;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;

/** A person changed their profile. */
public record ProfileUpdated(long userId, String label) implements Audited {

    @Override
    public AuditFacts audit() {
        return new AuditFacts(userId, label, "account.profile.updated", "user", Long.toString(userId), null, Map.of());
    }
}
