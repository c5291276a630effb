package nl.clanq.organisations;

import java.util.List;
import java.util.Optional;
import nl.clanq.organisations.Views.InvitationView;
import nl.clanq.organisations.Views.LicenceView;
import nl.clanq.organisations.Views.MembershipView;
import nl.clanq.organisations.Views.OrganisationView;
import nl.clanq.organisations.Views.PersonView;
import nl.clanq.organisations.Views.Standing;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Read side of the organisations module: who belongs where, with which licences and seats. */
@Service
@Transactional(readOnly = true)
public class Organisations {

    static final String ORGANISATION =
            "select id, name, kvk_number, city, industry, employees, owner_user_id, created_at from organisation";
    static final String MEMBERSHIP =
            """
            select m.id, m.organisation_id, m.vendor_id, v.name as vendor_name, m.status, p.seats as seat_limit,
                   m.applied_at, m.rejection_reason
            from membership m join vendor v on v.id = m.vendor_id join plan p on p.code = m.plan_code""";

    private final JdbcClient jdbc;
    private final MemberReadings readings;

    Organisations(JdbcClient jdbc, MemberReadings readings) {
        this.jdbc = jdbc;
        this.readings = readings;
    }

    public Optional<OrganisationView> find(long id) {
        return jdbc.sql(ORGANISATION + " where id = ?")
                .param(id)
                .query(Rows.of(OrganisationView.class))
                .optional();
    }

    public OrganisationView get(long id) {
        return find(id).orElseThrow(NotFoundException::new);
    }

    /** The organisation the person belongs to now, if any. */
    public Optional<OrganisationView> ofUser(long userId) {
        return jdbc.sql(
                        ORGANISATION
                                + " where id = (select organisation_id from organisation_member where user_id = ? and status = 'ACTIVE')")
                .param(userId)
                .query(Rows.of(OrganisationView.class))
                .optional();
    }

    /** The organisation this person owns (G1, G2); empty for everyone else. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Optional<OrganisationView> ownedBy(long userId) {
        return jdbc.sql(ORGANISATION + " where owner_user_id = ?")
                .param(userId)
                .query(Rows.of(OrganisationView.class))
                .optional();
    }

    public List<MembershipView> memberships(long organisationId) {
        return jdbc.sql(MEMBERSHIP + " where m.organisation_id = ? order by m.applied_at")
                .param(organisationId)
                .query(Rows.of(MembershipView.class))
                .list();
    }

    public Optional<MembershipView> membership(long membershipId) {
        return jdbc.sql(MEMBERSHIP + " where m.id = ?")
                .param(membershipId)
                .query(Rows.of(MembershipView.class))
                .optional();
    }

    public List<LicenceView> licences(long membershipId) {
        return jdbc.sql(
                        """
                        select l.membership_id, l.module_id, s.name as module_name, l.confirmed_at is not null as confirmed
                        from licence l join software_module s on s.id = l.module_id
                        where l.membership_id = ? order by s.position, lower(s.name)""")
                .param(membershipId)
                .query(Rows.of(LicenceView.class))
                .list();
    }

    /** Active people of the organisation with the memberships they hold a seat in, owner first. */
    public List<PersonView> people(long organisationId) {
        return jdbc.sql(
                        """
                        select u.id as user_id, u.first_name || ' ' || u.last_name as name, u.email, u.job_title,
                               (o.owner_user_id = u.id) as owner,
                               coalesce(array_agg(s.membership_id order by s.membership_id)
                                        filter (where s.membership_id is not null), '{}') as membership_ids,
                               om.joined_at
                        from organisation_member om
                        join organisation o on o.id = om.organisation_id
                        join app_user u on u.id = om.user_id
                        left join membership_seat s on s.user_id = u.id
                             and s.membership_id in (select id from membership where organisation_id = o.id)
                        where om.organisation_id = ? and om.status = 'ACTIVE'
                        group by u.id, o.owner_user_id, om.joined_at
                        order by (o.owner_user_id = u.id) desc, lower(u.last_name), lower(u.first_name)""")
                .param(organisationId)
                .query((rs, n) -> new PersonView(
                        rs.getLong("user_id"),
                        rs.getString("name"),
                        rs.getString("email"),
                        rs.getString("job_title"),
                        rs.getBoolean("owner"),
                        List.of((Long[]) rs.getArray("membership_ids").getArray()),
                        rs.getTimestamp("joined_at").toInstant()))
                .list();
    }

    public List<InvitationView> openInvitations(long organisationId) {
        return jdbc.sql(
                        """
                        select id, membership_id, email, as_owner, expires_at, created_at from invitation
                        where organisation_id = ? and status = 'OPEN' and expires_at > now()
                        order by created_at""")
                .param(organisationId)
                .query(Rows.of(InvitationView.class))
                .list();
    }

    /** Seats taken: people assigned plus open invitations (C4). */
    public int seatsTaken(long membershipId) {
        return jdbc.sql(
                        """
                        select (select count(*) from membership_seat where membership_id = :m)
                             + (select count(*) from invitation where membership_id = :m and status = 'OPEN'
                                and expires_at > now() and not as_owner)""")
                .param("m", membershipId)
                .query(Integer.class)
                .single();
    }

    /** Where the person stands, for the gate in front of member pages (read once per request). */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Standing standing(long userId) {
        return readings.of(userId).standing();
    }

    /** The vendor communities the person belongs to now: active memberships they hold a seat in. */
    public List<Long> communities(long userId) {
        return jdbc.sql(
                        """
                        select distinct m.vendor_id from membership_seat s
                        join membership m on m.id = s.membership_id and m.status = 'ACTIVE'
                        where s.user_id = ?""")
                .param(userId)
                .query(Long.class)
                .list();
    }

    /**
     * C6: people of the vendor community whose organisation holds a confirmed licence for the
     * module, other than {@code exceptUserId}, with their organisation.
     */
    public List<Views.Colleague> colleaguesWithLicence(long vendorId, long moduleId, long exceptUserId) {
        return jdbc.sql(
                        """
                        select distinct u.id as user_id, u.first_name || ' ' || u.last_name as name, o.name as organisation,
                               u.job_title, coalesce((select array_agg(us.name order by us.name) from user_specialism us
                                                      where us.user_id = u.id), '{}') as specialisms
                        from licence l
                        join membership m on m.id = l.membership_id and m.status = 'ACTIVE' and m.vendor_id = ?
                        join membership_seat s on s.membership_id = m.id
                        join app_user u on u.id = s.user_id and u.status = 'ACTIVE'
                        join organisation o on o.id = m.organisation_id
                        where l.module_id = ? and l.confirmed_at is not null and u.id <> ?
                        order by name
                        limit 200""")
                .params(vendorId, moduleId, exceptUserId)
                .query((rs, n) -> new Views.Colleague(
                        rs.getLong("user_id"),
                        rs.getString("name"),
                        rs.getString("organisation"),
                        rs.getString("job_title"),
                        List.of((String[]) rs.getArray("specialisms").getArray())))
                .list();
    }

    /** C5: the vendor communities the person belongs to now, and the modules licensed to them there (confirmed). */
    public record Licensing(List<Long> communities, List<Long> modules) {}

    /**
     * {@link #communities} and the licensed modules together, read once per request with the
     * person's standing and policy (asked on every forum page).
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Licensing licensing(long userId) {
        return readings.of(userId).licensing();
    }
}
