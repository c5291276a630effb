package nl.clanq.organisations;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.UserView;
import nl.clanq.catalog.Catalog;
import nl.clanq.catalog.ModuleView;
import nl.clanq.organisations.Views.LicenceRequestView;
import nl.clanq.organisations.Views.MembershipView;
import nl.clanq.organisations.Views.OrganisationView;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner's governance of the organisation (G1, G2, G5): details, licence change requests,
 * applying for another vendor community, transferring ownership. And the one staff path to a new
 * owner: the recorded succession procedure (G3).
 */
@Service
@Transactional
public class Governance {

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final Registrations registrations;
    private final Seats seats;
    private final Accounts accounts;
    private final Catalog catalog;
    private final OrganisationMail mail;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Governance(
            JdbcClient jdbc,
            Organisations organisations,
            Registrations registrations,
            Seats seats,
            Accounts accounts,
            Catalog catalog,
            OrganisationMail mail,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.registrations = registrations;
        this.seats = seats;
        this.accounts = accounts;
        this.catalog = catalog;
        this.mail = mail;
        this.events = events;
        this.clock = clock;
    }

    public record Details(String name, String kvkNumber, String city, String industry, String employees) {}

    public void updateDetails(Owner owner, Details d) {
        OrganisationView before = organisations.get(owner.organisationId());
        jdbc.sql("update organisation set name = ?, kvk_number = ?, city = ?, industry = ?, employees = ? where id = ?")
                .params(d.name(), d.kvkNumber(), d.city(), d.industry(), d.employees(), owner.organisationId())
                .update();
        Map<String, String> changes = new HashMap<>();
        diff(changes, "name", before.name(), d.name());
        diff(changes, "kvk", before.kvkNumber(), d.kvkNumber());
        diff(changes, "city", before.city(), d.city());
        diff(changes, "industry", before.industry(), d.industry());
        diff(changes, "employees", before.employees(), d.employees());
        publish(owner, "organisation.details.updated", "organisation", Long.toString(owner.organisationId()), changes);
    }

    private static void diff(Map<String, String> changes, String field, String before, String after) {
        if (!before.equals(after)) {
            changes.put(field, before + " → " + after);
        }
    }

    public enum TransferOutcome {
        TRANSFERRED,
        WRONG_PASSWORD
    }

    /** G1, G2: ownership passes to an existing member, confirmed with the owner's password. */
    public TransferOutcome transfer(Owner owner, long newOwnerId, String password) {
        boolean member = organisations.people(owner.organisationId()).stream()
                .anyMatch(p -> p.userId() == newOwnerId && p.userId() != owner.userId());
        if (!member) {
            throw new NotFoundException();
        }
        if (!accounts.passwordMatches(owner.userId(), password)) {
            return TransferOutcome.WRONG_PASSWORD;
        }
        jdbc.sql("update organisation set owner_user_id = ? where id = ? and owner_user_id = ?")
                .params(newOwnerId, owner.organisationId(), owner.userId())
                .update();
        OrganisationView o = organisations.get(owner.organisationId());
        UserView next = accounts.get(newOwnerId);
        mail.ownershipTransferred(accounts.get(owner.userId()), o.name(), next.displayName(), false);
        mail.ownershipTransferred(next, o.name(), next.displayName(), true);
        publish(
                owner,
                "organisation.ownership.transferred",
                "user",
                Long.toString(newOwnerId),
                Map.of("from", owner.label(), "to", next.auditLabel()));
        return TransferOutcome.TRANSFERRED;
    }

    /** The owner asks for added or dropped modules; staff confirm before access changes (C5). */
    public boolean requestLicenceChange(Owner owner, long membershipId, Set<Long> wanted, String note) {
        MembershipView m = organisations
                .membership(membershipId)
                .filter(x -> x.organisationId() == owner.organisationId() && x.active())
                .orElseThrow(NotFoundException::new);
        if (!catalog.areActiveModulesOf(m.vendorId(), wanted) || wanted.isEmpty()) {
            throw new NotFoundException();
        }
        Set<Long> current = organisations.licences(membershipId).stream()
                .map(Views.LicenceView::moduleId)
                .collect(Collectors.toSet());
        Set<Long> add = new HashSet<>(wanted);
        add.removeAll(current);
        Set<Long> drop = new HashSet<>(current);
        drop.removeAll(wanted);
        if (add.isEmpty() && drop.isEmpty()) {
            return false;
        }
        jdbc.sql("update licence_change_request set status = 'REJECTED', decided_at = ?, decision_note = 'superseded' "
                        + "where membership_id = ? and status = 'PENDING'")
                .params(now(), membershipId)
                .update();
        long id = jdbc.sql(
                        """
                        insert into licence_change_request (membership_id, requested_by, add_modules, drop_modules, note)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(membershipId, owner.userId(), add.toArray(Long[]::new), drop.toArray(Long[]::new), note)
                .query(Long.class)
                .single();
        publish(
                owner,
                "organisation.licences.requested",
                "licence-request",
                Long.toString(id),
                Map.of("add", names(add), "drop", names(drop)));
        return true;
    }

    @Transactional(readOnly = true)
    public List<LicenceRequestView> licenceRequests(String status, Long organisationId) {
        return jdbc.sql(
                        """
                        select r.id, r.membership_id, m.organisation_id, o.name as organisation_name, v.name as vendor_name,
                               u.first_name || ' ' || u.last_name as requested_by,
                               coalesce((select array_agg(s.name order by s.position, s.name) from software_module s
                                         where s.id = any(r.add_modules)), '{}') as add_names,
                               coalesce((select array_agg(s.name order by s.position, s.name) from software_module s
                                         where s.id = any(r.drop_modules)), '{}') as drop_names,
                               r.note, r.status, r.requested_at
                        from licence_change_request r
                        join membership m on m.id = r.membership_id
                        join organisation o on o.id = m.organisation_id
                        join vendor v on v.id = m.vendor_id
                        join app_user u on u.id = r.requested_by
                        where r.status = ? and (cast(? as bigint) is null or m.organisation_id = ?)
                        order by r.requested_at""")
                .params(status, organisationId, organisationId)
                .query((rs, n) -> new LicenceRequestView(
                        rs.getLong("id"),
                        rs.getLong("membership_id"),
                        rs.getLong("organisation_id"),
                        rs.getString("organisation_name"),
                        rs.getString("vendor_name"),
                        rs.getString("requested_by"),
                        List.of((String[]) rs.getArray("add_names").getArray()),
                        List.of((String[]) rs.getArray("drop_names").getArray()),
                        rs.getString("note"),
                        rs.getString("status"),
                        rs.getTimestamp("requested_at").toInstant()))
                .list();
    }

    /** Staff confirm or refuse a licence change; the owner is emailed. */
    public void decideLicenceChange(long requestId, boolean approve, String note, long staffId, String staffLabel) {
        record Request(long membershipId, Long[] addModules, Long[] dropModules) {}
        Request r = jdbc.sql(
                        """
                        select membership_id, add_modules, drop_modules from licence_change_request
                        where id = ? and status = 'PENDING' for update""")
                .param(requestId)
                .query((rs, n) ->
                        new Request(rs.getLong(1), (Long[]) rs.getArray(2).getArray(), (Long[])
                                rs.getArray(3).getArray()))
                .optional()
                .orElseThrow(NotFoundException::new);
        MembershipView m = organisations.membership(r.membershipId()).orElseThrow(NotFoundException::new);
        if (approve) {
            for (Long moduleId : r.addModules()) {
                jdbc.sql(
                                """
                                insert into licence (membership_id, module_id, confirmed_at) values (?, ?, ?)
                                on conflict (membership_id, module_id) do update set confirmed_at = excluded.confirmed_at""")
                        .params(r.membershipId(), moduleId, now())
                        .update();
            }
            for (Long moduleId : r.dropModules()) {
                jdbc.sql("delete from licence where membership_id = ? and module_id = ?")
                        .params(r.membershipId(), moduleId)
                        .update();
            }
            events.publishEvent(new LicencesChanged(r.membershipId(), m.organisationId()));
        }
        jdbc.sql(
                        """
                        update licence_change_request set status = ?, decided_at = ?, decided_by = ?, decision_note = ?
                        where id = ?""")
                .params(approve ? "APPROVED" : "REJECTED", now(), staffId, note, requestId)
                .update();
        OrganisationView o = organisations.get(m.organisationId());
        mail.licenceDecision(accounts.get(o.ownerUserId()), m.vendorName(), approve, note);
        events.publishEvent(new OrganisationChanged(
                staffId,
                staffLabel,
                approve ? "organisation.licences.approved" : "organisation.licences.rejected",
                "licence-request",
                Long.toString(requestId),
                o.id(),
                Map.of(
                        "add", String.join(", ", moduleNames(r.addModules())),
                        "drop", String.join(", ", moduleNames(r.dropModules())))));
    }

    /** The owner applies for another vendor community; staff review it like a registration (C3). */
    public long applyForCommunity(Owner owner, long vendorId, Set<Long> moduleIds) {
        catalog.vendor(vendorId).filter(v -> v.active()).orElseThrow(NotFoundException::new);
        if (moduleIds.isEmpty() || !catalog.areActiveModulesOf(vendorId, moduleIds)) {
            throw new NotFoundException();
        }
        boolean open = organisations.memberships(owner.organisationId()).stream()
                .anyMatch(m -> m.vendorId() == vendorId && !"REJECTED".equals(m.status()));
        if (open) {
            throw new NotFoundException();
        }
        long membershipId =
                registrations.openMembership(owner.organisationId(), vendorId, moduleIds, owner.userId(), "PENDING");
        publish(
                owner,
                "organisation.community.applied",
                "membership",
                Long.toString(membershipId),
                Map.of("vendor", catalog.getVendor(vendorId).name()));
        return membershipId;
    }

    public enum SuccessionReason {
        DEATH,
        LEGAL_REPRESENTATIVE,
        CURATOR,
        DEBT_COUNSELLOR,
        OTHER
    }

    /**
     * G3: the only way staff change an organisation's owner. The reason and the evidence seen are
     * recorded; the new owner is an existing member, or an email address that receives an owner
     * invitation. Old and new owner are emailed; the act is audited.
     */
    public void recordSuccession(
            long organisationId,
            SuccessionReason reason,
            String evidence,
            Long newOwnerId,
            String inviteEmail,
            long staffId,
            String staffLabel) {
        OrganisationView o = jdbc.sql(Organisations.ORGANISATION + " where id = ? for update")
                .param(organisationId)
                .query(Rows.of(OrganisationView.class))
                .optional()
                .orElseThrow(NotFoundException::new);
        UserView previous = accounts.get(o.ownerUserId());
        Map<String, String> details = new HashMap<>();
        details.put("reason", reason.name());
        details.put("evidence", evidence);
        details.put("previousOwner", previous.auditLabel());
        if (newOwnerId != null) {
            boolean member =
                    organisations.people(organisationId).stream().anyMatch(p -> p.userId() == newOwnerId && !p.owner());
            if (!member) {
                throw new NotFoundException();
            }
            jdbc.sql("update organisation set owner_user_id = ? where id = ?")
                    .params(newOwnerId, organisationId)
                    .update();
            UserView next = accounts.get(newOwnerId);
            details.put("newOwner", next.auditLabel());
            mail.ownershipTransferred(next, o.name(), next.displayName(), true);
            mail.ownershipTransferred(previous, o.name(), next.displayName(), false);
        } else {
            String email = Accounts.normaliseEmail(inviteEmail);
            long membershipId = organisations.memberships(organisationId).stream()
                    .filter(MembershipView::active)
                    .findFirst()
                    .or(() -> organisations.memberships(organisationId).stream().findFirst())
                    .orElseThrow(NotFoundException::new)
                    .id();
            String token = seats.createInvitation(organisationId, membershipId, email, true, staffId);
            mail.invitation(email, previous.preferredLocale(), o.name(), "Clanqbeheer", "/invite/" + token, true);
            mail.successionRecorded(previous, o.name());
            details.put("invitedOwner", email);
        }
        jdbc.sql(
                        """
                        insert into succession_record (organisation_id, reason, evidence, previous_owner, new_owner,
                                                       invited_email, recorded_by)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        organisationId,
                        reason.name(),
                        evidence,
                        previous.id(),
                        newOwnerId,
                        newOwnerId == null ? Accounts.normaliseEmail(inviteEmail) : null,
                        staffId)
                .update();
        events.publishEvent(new OrganisationChanged(
                staffId,
                staffLabel,
                "organisation.succession.recorded",
                "organisation",
                Long.toString(organisationId),
                organisationId,
                details));
    }

    private String names(Set<Long> ids) {
        return String.join(", ", moduleNames(ids.toArray(Long[]::new)));
    }

    private List<String> moduleNames(Long[] ids) {
        return catalog.modulesById(List.of(ids)).stream().map(ModuleView::name).toList();
    }

    private void publish(Owner owner, String action, String targetType, String targetId, Map<String, String> details) {
        events.publishEvent(new OrganisationChanged(
                owner.userId(), owner.label(), action, targetType, targetId, owner.organisationId(), details));
    }

    /** The current time as the JDBC driver binds it (it does not bind {@code Instant}). */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
