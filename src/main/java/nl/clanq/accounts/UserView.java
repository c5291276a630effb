package nl.clanq.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A person as other modules see them. Never carries the password hash. */
public record UserView(
        long id,
        String email,
        String firstName,
        String lastName,
        String jobTitle,
        String phone,
        boolean phoneHidden,
        String city,
        String bio,
        List<String> specialisms,
        String locale,
        boolean emailVerified,
        String staffRole,
        boolean active,
        Instant createdAt,
        boolean messageMail) {

    public String displayName() {
        return firstName + " " + lastName;
    }

    public boolean staff() {
        return staffRole != null;
    }

    public Locale preferredLocale() {
        return Locale.of(locale);
    }

    /** How the audit log names this person. */
    public String auditLabel() {
        return displayName() + " <" + email + ">";
    }
}
