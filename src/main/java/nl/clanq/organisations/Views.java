package nl.clanq.organisations;

import java.time.Instant;
import java.util.List;

/** Read models of the organisations module. */
public final class Views {

    private Views() {}

    public record OrganisationView(
            long id,
            String name,
            String kvkNumber,
            String city,
            String industry,
            String employees,
            long ownerUserId,
            Instant createdAt) {}

    public record MembershipView(
            long id,
            long organisationId,
            long vendorId,
            String vendorName,
            String status,
            int seatLimit,
            Instant appliedAt,
            String rejectionReason) {

        public boolean active() {
            return "ACTIVE".equals(status);
        }
    }

    public record LicenceView(long membershipId, long moduleId, String moduleName, boolean confirmed) {}

    public record PersonView(
            long userId,
            String name,
            String email,
            String jobTitle,
            boolean owner,
            List<Long> membershipIds,
            Instant joinedAt) {}

    public record InvitationView(
            long id, long membershipId, String email, boolean asOwner, Instant expiresAt, Instant createdAt) {}

    /** A membership waiting for staff, with everything they need to decide (C3). */
    public record Application(
            long membershipId,
            OrganisationView organisation,
            String vendorName,
            String applicantName,
            String applicantEmail,
            String applicantJobTitle,
            String applicantPhone,
            List<String> modules,
            Instant appliedAt,
            List<String> sameKvkOrganisations) {

        public String appliedAtText(java.util.Locale locale) {
            return java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.MEDIUM)
                    .withLocale(locale)
                    .withZone(java.time.ZoneId.of("Europe/Amsterdam"))
                    .format(appliedAt);
        }
    }

    public record LicenceRequestView(
            long id,
            long membershipId,
            long organisationId,
            String organisationName,
            String vendorName,
            String requestedBy,
            List<String> add,
            List<String> drop,
            String note,
            String status,
            Instant requestedAt) {}

    /** A member of the community as the locked-forum page lists them (C6). */
    public record Colleague(long userId, String name, String organisation, String jobTitle, List<String> specialisms) {}

    /** Where a signed-in member stands: the gate before member pages. */
    public record Standing(Long organisationId, boolean owner, boolean activeSeat, String pendingStatus) {

        public boolean mayUseMemberPages() {
            return activeSeat;
        }
    }
}
