package nl.clanq.accounts;

import java.util.Map;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;

/** A person switched on two-step verification (S2): from now on signing in also asks for a code. */
public record TwoFactorEnabled(long userId, String label) implements Audited {

    @Override
    public AuditFacts audit() {
        return new AuditFacts(
                userId, label, "account.two-factor.enabled", "user", Long.toString(userId), null, Map.of());
    }
}
