package nl.clanq.organisations;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.EmailCodes;
import nl.clanq.accounts.NewAccount;
import nl.clanq.accounts.UserView;
import nl.clanq.catalog.Catalog;
import nl.clanq.catalog.ModuleView;
import nl.clanq.legal.Acceptances;
import nl.clanq.organisations.Views.Application;
import nl.clanq.organisations.Views.MembershipView;
import nl.clanq.organisations.Views.OrganisationView;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * C3: an organisation registers for one vendor community, confirms its email address, and staff
 * approve or reject it. Answers never reveal whether an address is known (G4).
 */
@Service
@Transactional
public class Registrations {

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final EmailCodes codes;
    private final Catalog catalog;
    private final Acceptances acceptances;
    private final Organisations organisations;
    private final OrganisationMail mail;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Registrations(
            JdbcClient jdbc,
            Accounts accounts,
            EmailCodes codes,
            Catalog catalog,
            Acceptances acceptances,
            Organisations organisations,
            OrganisationMail mail,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.codes = codes;
        this.catalog = catalog;
        this.acceptances = acceptances;
        this.organisations = organisations;
        this.mail = mail;
        this.events = events;
        this.clock = clock;
    }

    /** What the registration form collects; validated by the caller. */
    public record Registration(
            String organisationName,
            String kvkNumber,
            String city,
            String industry,
            String employees,
            long vendorId,
            Set<Long> moduleIds,
            String firstName,
            String lastName,
            String email,
            String jobTitle,
            String phone,
            String password,
            String locale) {}

    /**
     * Registers, or — when the address already has an account — mails that account instead. The
     * caller answers both the same way; the returned id is {@code null} in the second case.
     */
    public Long register(Registration r, String ip) {
        if (accounts.exists(r.email())) {
            accounts.spendHashingTime(r.password());
            mail.alreadyRegistered(Accounts.normaliseEmail(r.email()), Locale.of(r.locale()));
            return null;
        }
        if (!catalog.areActiveModulesOf(r.vendorId(), r.moduleIds())) {
            throw new NotFoundException();
        }
        long userId = accounts.create(new NewAccount(
                r.email(), r.firstName(), r.lastName(), r.jobTitle(), r.phone(), r.locale(), r.password()));
        long organisationId = jdbc.sql(
                        """
                        insert into organisation (name, kvk_number, city, industry, employees, owner_user_id)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(r.organisationName(), r.kvkNumber(), r.city(), r.industry(), r.employees(), userId)
                .query(Long.class)
                .single();
        jdbc.sql("insert into organisation_member (organisation_id, user_id) values (?, ?)")
                .params(organisationId, userId)
                .update();
        long membershipId = openMembership(organisationId, r.vendorId(), r.moduleIds(), userId, "UNCONFIRMED");
        acceptances.acceptCurrent(userId, ip);
        codes.issue(userId, EmailCodes.Purpose.REGISTRATION, Accounts.normaliseEmail(r.email()), r.locale());
        events.publishEvent(new OrganisationChanged(
                userId,
                r.firstName() + " " + r.lastName() + " <" + Accounts.normaliseEmail(r.email()) + ">",
                "organisation.registered",
                "membership",
                Long.toString(membershipId),
                organisationId,
                Map.of("organisation", r.organisationName(), "kvk", r.kvkNumber())));
        return userId;
    }

    long openMembership(long organisationId, long vendorId, Set<Long> moduleIds, long applicantId, String status) {
        long membershipId = jdbc.sql(
                        """
                        insert into membership (organisation_id, vendor_id, plan_code, status, applied_by)
                        values (?, ?, 'COMMUNITY', ?, ?) returning id""")
                .params(organisationId, vendorId, status, applicantId)
                .query(Long.class)
                .single();
        for (long moduleId : moduleIds) {
            jdbc.sql("insert into licence (membership_id, module_id) values (?, ?)")
                    .params(membershipId, moduleId)
                    .update();
        }
        jdbc.sql("insert into membership_seat (membership_id, user_id) values (?, ?)")
                .params(membershipId, applicantId)
                .update();
        return membershipId;
    }

    /** Confirms the registrant's address; the application then waits for staff. */
    public EmailCodes.Result confirm(long userId, String code) {
        EmailCodes.Result result = codes.verify(userId, EmailCodes.Purpose.REGISTRATION, code);
        if (result.outcome() == EmailCodes.Outcome.CONFIRMED) {
            accounts.confirmEmail(userId);
            jdbc.sql(
                            """
                            update membership set status = 'PENDING', applied_at = ?
                            where applied_by = ? and status = 'UNCONFIRMED'""")
                    .params(now(), userId)
                    .update();
        }
        return result;
    }

    public boolean resendCode(long userId) {
        UserView user = accounts.get(userId);
        return codes.resend(userId, EmailCodes.Purpose.REGISTRATION, user.locale());
    }

    /** Confirmed applications waiting for staff, oldest first. */
    @Transactional(readOnly = true)
    public List<Application> queue() {
        // One query for the whole queue, however long it is.
        return jdbc.sql(
                        """
                        select m.id as membership_id, m.applied_at, v.name as vendor_name,
                               o.id, o.name, o.kvk_number, o.city, o.industry, o.employees, o.owner_user_id, o.created_at,
                               u.first_name || ' ' || u.last_name as applicant_name, u.email, u.job_title, u.phone,
                               coalesce((select array_agg(s.name order by s.position, s.name) from licence l
                                         join software_module s on s.id = l.module_id where l.membership_id = m.id),
                                        '{}') as modules,
                               coalesce((select array_agg(x.name order by x.id) from organisation x
                                         where x.kvk_number = o.kvk_number and x.id <> o.id), '{}') as same_kvk
                        from membership m
                        join organisation o on o.id = m.organisation_id
                        join vendor v on v.id = m.vendor_id
                        join app_user u on u.id = m.applied_by
                        where m.status = 'PENDING'
                        order by m.applied_at""")
                .query((rs, n) -> new Application(
                        rs.getLong("membership_id"),
                        new OrganisationView(
                                rs.getLong("id"),
                                rs.getString("name"),
                                rs.getString("kvk_number"),
                                rs.getString("city"),
                                rs.getString("industry"),
                                rs.getString("employees"),
                                rs.getLong("owner_user_id"),
                                rs.getTimestamp("created_at").toInstant()),
                        rs.getString("vendor_name"),
                        rs.getString("applicant_name"),
                        rs.getString("email"),
                        rs.getString("job_title"),
                        rs.getString("phone"),
                        List.of((String[]) rs.getArray("modules").getArray()),
                        rs.getTimestamp("applied_at").toInstant(),
                        List.of((String[]) rs.getArray("same_kvk").getArray())))
                .list();
    }

    @Transactional(readOnly = true)
    public Application application(long membershipId) {
        MembershipView m = organisations.membership(membershipId).orElseThrow(NotFoundException::new);
        OrganisationView o = organisations.get(m.organisationId());
        long applicantId = jdbc.sql("select applied_by from membership where id = ?")
                .param(membershipId)
                .query(Long.class)
                .single();
        UserView applicant = accounts.get(applicantId);
        List<String> modules = organisations.licences(membershipId).stream()
                .map(Views.LicenceView::moduleName)
                .toList();
        List<String> sameKvk = jdbc.sql("select name from organisation where kvk_number = ? and id <> ? order by id")
                .params(o.kvkNumber(), o.id())
                .query(String.class)
                .list();
        return new Application(
                membershipId,
                o,
                m.vendorName(),
                applicant.displayName(),
                applicant.email(),
                applicant.jobTitle(),
                applicant.phone(),
                modules,
                m.appliedAt(),
                sameKvk);
    }

    /** C3: the membership becomes active with its licences confirmed; the owner is emailed. */
    public void approve(long membershipId, long staffId, String staffLabel) {
        MembershipView m = pending(membershipId);
        jdbc.sql("update membership set status = 'ACTIVE', decided_at = ?, decided_by = ? where id = ?")
                .params(now(), staffId, membershipId)
                .update();
        jdbc.sql("update licence set confirmed_at = ? where membership_id = ? and confirmed_at is null")
                .params(now(), membershipId)
                .update();
        OrganisationView o = organisations.get(m.organisationId());
        mail.approved(accounts.get(o.ownerUserId()), m.vendorName());
        events.publishEvent(new LicencesChanged(membershipId, o.id()));
        events.publishEvent(new OrganisationChanged(
                staffId,
                staffLabel,
                "organisation.membership.approved",
                "membership",
                Long.toString(membershipId),
                o.id(),
                Map.of("vendor", m.vendorName())));
    }

    public void reject(long membershipId, String reason, long staffId, String staffLabel) {
        MembershipView m = pending(membershipId);
        jdbc.sql(
                        """
                        update membership set status = 'REJECTED', decided_at = ?, decided_by = ?, rejection_reason = ?
                        where id = ?""")
                .params(now(), staffId, reason, membershipId)
                .update();
        jdbc.sql("delete from membership_seat where membership_id = ?")
                .param(membershipId)
                .update();
        OrganisationView o = organisations.get(m.organisationId());
        mail.rejected(accounts.get(o.ownerUserId()), m.vendorName(), reason);
        events.publishEvent(new OrganisationChanged(
                staffId,
                staffLabel,
                "organisation.membership.rejected",
                "membership",
                Long.toString(membershipId),
                o.id(),
                Map.of("vendor", m.vendorName(), "reason", reason)));
    }

    private MembershipView pending(long membershipId) {
        MembershipView m = jdbc.sql(Organisations.MEMBERSHIP + " where m.id = ? for update of m")
                .param(membershipId)
                .query(Rows.of(MembershipView.class))
                .optional()
                .orElseThrow(NotFoundException::new);
        if (!"PENDING".equals(m.status())) {
            throw new NotFoundException();
        }
        return m;
    }

    /** Modules of a vendor that registration offers. */
    @Transactional(readOnly = true)
    public List<ModuleView> modulesFor(long vendorId) {
        return catalog.activeModules(vendorId);
    }

    /** The current time as the JDBC driver binds it (it does not bind {@code Instant}). */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
