package nl.clanq.accounts;

import java.util.Map;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;

/** A person replaced their recovery codes (S2); the old ones no longer work. */
public record RecoveryCodesRegenerated(long userId, String label) implements Audited {

    @Override
    public AuditFacts audit() {
        return new AuditFacts(
                userId,
                label,
                "account.two-factor.recovery-codes.regenerated",
                "user",
                Long.toString(userId),
                null,
                Map.of());
    }
}
