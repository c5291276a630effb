package nl.clanq.accounts;

import java.util.Map;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;

/**
 * A person signed in with one of their recovery codes instead of the authenticator app (S2); it no
 * longer works. {@code remaining} is how many unused codes they have left.
 */
public record RecoveryCodeUsed(long userId, String label, int remaining) implements Audited {

    @Override
    public AuditFacts audit() {
        return new AuditFacts(
                userId,
                label,
                "account.two-factor.recovery-code.used",
                "user",
                Long.toString(userId),
                null,
                Map.of("remaining", Integer.toString(remaining)));
    }
}
