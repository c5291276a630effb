package nl.clanq.audit;

import java.time.LocalDate;

/**
 * Which audit entries to show. Every part is optional; blank text counts as absent.
 *
 * @param actionPrefix entries whose action starts with this, e.g. {@code organisation.member}
 * @param organisationId entries about this organisation
 * @param actorUserId entries by this user
 * @param text free text, searched case-insensitively in the actor label, the target and the details
 * @param from first day to include, in Dutch time
 * @param to last day to include, in Dutch time
 */
public record AuditFilter(
        String actionPrefix, Long organisationId, Long actorUserId, String text, LocalDate from, LocalDate to) {

    public AuditFilter {
        actionPrefix = blankToNull(actionPrefix);
        text = blankToNull(text);
    }

    /** All entries. */
    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null, null);
    }

    /** This filter, restricted to one organisation. */
    public AuditFilter withOrganisation(long organisationId) {
        return new AuditFilter(actionPrefix, organisationId, actorUserId, text, from, to);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
