package nl.clanq.accounts;

import java.util.Map;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;

/** A person's password was changed, by themselves or through a reset link. */
public record PasswordChanged(long userId, String label, boolean throughReset) implements Audited {

    @Override
    public AuditFacts audit() {
        return new AuditFacts(
                userId,
                label,
                throughReset ? "account.password.reset" : "account.password.changed",
                "user",
                Long.toString(userId),
                null,
                Map.of());
    }
}
