package nl.clanq.accounts;

import java.util.Map;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;

/** A person switched off two-step verification (S2); their secret and recovery codes are gone. */
public record TwoFactorDisabled(long userId, String label) implements Audited {

    @Override
    public AuditFacts audit() {
        return new AuditFacts(
                userId, label, "account.two-factor.disabled", "user", Long.toString(userId), null, Map.of());
    }
}
