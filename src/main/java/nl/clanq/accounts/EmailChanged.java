package nl.clanq.accounts;

import java.util.Map;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;

/** A person confirmed a new email address. */
public record EmailChanged(long userId, String label, String oldEmail, String newEmail) implements Audited {

    @Override
    public AuditFacts audit() {
        return new AuditFacts(
                userId,
                label,
                "account.email.changed",
                "user",
                Long.toString(userId),
                null,
                Map.of("old", oldEmail, "new", newEmail));
    }
}
