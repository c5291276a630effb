package nl.clanq.organisations;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.NewAccount;
import nl.clanq.accounts.Tokens;
import nl.clanq.accounts.UserView;
import nl.clanq.legal.Acceptances;
import nl.clanq.organisations.Views.MembershipView;
import nl.clanq.organisations.Views.OrganisationView;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * C4: the people of a membership. The owner invites (a link valid 7 days, single use, revocable),
 * assigns and removes people; people plus open invitations never exceed the plan's seats.
 */
@Service
@Transactional
public class Seats {

    static final Duration INVITATION_VALIDITY = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final Accounts accounts;
    private final Acceptances acceptances;
    private final OrganisationMail mail;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Seats(
            JdbcClient jdbc,
            Organisations organisations,
            Accounts accounts,
            Acceptances acceptances,
            OrganisationMail mail,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.accounts = accounts;
        this.acceptances = acceptances;
        this.mail = mail;
        this.events = events;
        this.clock = clock;
    }

    public enum InviteOutcome {
        SENT,
        SEATS_FULL,
        ALREADY_MEMBER,
        ALREADY_INVITED
    }

    /** The owner invites a person to a membership of their organisation (C4, G2). */
    public InviteOutcome invite(Owner owner, long membershipId, String email) {
        MembershipView m = lockActiveMembership(owner, membershipId);
        String address = Accounts.normaliseEmail(email);
        boolean member = organisations.people(owner.organisationId()).stream()
                .anyMatch(p -> p.email().equals(address));
        if (member) {
            return InviteOutcome.ALREADY_MEMBER;
        }
        if (organisations.openInvitations(owner.organisationId()).stream()
                .anyMatch(i -> i.email().equals(address))) {
            return InviteOutcome.ALREADY_INVITED;
        }
        if (organisations.seatsTaken(membershipId) >= m.seatLimit()) {
            return InviteOutcome.SEATS_FULL;
        }
        OrganisationView o = organisations.get(owner.organisationId());
        String token = createInvitation(o.id(), membershipId, address, false, owner.userId());
        mail.invitation(address, owner.locale(), o.name(), owner.name(), "/invite/" + token, false);
        publish(owner, "organisation.invitation.sent", "invitation", address, Map.of("email", address));
        return InviteOutcome.SENT;
    }

    String createInvitation(long organisationId, long membershipId, String email, boolean asOwner, long invitedBy) {
        String token = Tokens.newToken();
        jdbc.sql(
                        """
                        insert into invitation (organisation_id, membership_id, email, token_hash, as_owner, invited_by, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        organisationId,
                        membershipId,
                        email,
                        Tokens.hash(token),
                        asOwner,
                        invitedBy,
                        now().plus(INVITATION_VALIDITY))
                .update();
        return token;
    }

    public void revoke(Owner owner, long invitationId) {
        int changed = jdbc.sql(
                        """
                        update invitation set status = 'REVOKED'
                        where id = ? and organisation_id = ? and status = 'OPEN' and not as_owner""")
                .params(invitationId, owner.organisationId())
                .update();
        if (changed == 0) {
            throw new NotFoundException();
        }
        publish(owner, "organisation.invitation.revoked", "invitation", Long.toString(invitationId), Map.of());
    }

    /** An open, unexpired invitation by its link token. */
    @Transactional(readOnly = true)
    public Optional<OpenInvitation> open(String token) {
        return jdbc.sql(
                        """
                        select i.id, i.organisation_id, i.membership_id, i.email, i.as_owner, o.name as organisation_name
                        from invitation i join organisation o on o.id = i.organisation_id
                        where i.token_hash = ? and i.status = 'OPEN' and i.expires_at > ?""")
                .params(Tokens.hash(token == null ? "" : token), now())
                .query(Rows.of(OpenInvitation.class))
                .optional();
    }

    public record OpenInvitation(
            long id, long organisationId, long membershipId, String email, boolean asOwner, String organisationName) {}

    public record Acceptance(String firstName, String lastName, String jobTitle, String password, String locale) {}

    /**
     * The invitee creates their account; they take the seat at once. An owner invitation (G3
     * succession) also makes them the owner.
     */
    public long accept(String token, Acceptance a, String ip) {
        OpenInvitation invitation = jdbc.sql(
                        """
                        select i.id, i.organisation_id, i.membership_id, i.email, i.as_owner, o.name as organisation_name
                        from invitation i join organisation o on o.id = i.organisation_id
                        where i.token_hash = ? and i.status = 'OPEN' and i.expires_at > ? for update of i""")
                .params(Tokens.hash(token), now())
                .query(Rows.of(OpenInvitation.class))
                .optional()
                .orElseThrow(NotFoundException::new);
        long userId = accounts.create(new NewAccount(
                invitation.email(), a.firstName(), a.lastName(), a.jobTitle(), "", a.locale(), a.password()));
        accounts.confirmEmail(userId); // the link reached this inbox
        jdbc.sql("insert into organisation_member (organisation_id, user_id) values (?, ?)")
                .params(invitation.organisationId(), userId)
                .update();
        jdbc.sql("insert into membership_seat (membership_id, user_id) values (?, ?) on conflict do nothing")
                .params(invitation.membershipId(), userId)
                .update();
        jdbc.sql("update invitation set status = 'ACCEPTED', accepted_at = ?, accepted_user_id = ? where id = ?")
                .params(now(), userId, invitation.id())
                .update();
        acceptances.acceptCurrent(userId, ip);
        UserView user = accounts.get(userId);
        if (invitation.asOwner()) {
            OrganisationView o = organisations.get(invitation.organisationId());
            UserView previous = accounts.get(o.ownerUserId());
            jdbc.sql("update organisation set owner_user_id = ? where id = ?")
                    .params(userId, o.id())
                    .update();
            mail.ownershipTransferred(previous, o.name(), user.displayName(), false);
            mail.ownershipTransferred(user, o.name(), user.displayName(), true);
        }
        events.publishEvent(new OrganisationChanged(
                userId,
                user.auditLabel(),
                invitation.asOwner() ? "organisation.owner.invitation.accepted" : "organisation.invitation.accepted",
                "user",
                Long.toString(userId),
                invitation.organisationId(),
                Map.of("email", invitation.email())));
        return userId;
    }

    /**
     * G1: the owner removes a person (never themselves): the seat is free at once, their sessions
     * end, their posts stay under their name.
     */
    public void remove(Owner owner, long userId) {
        if (userId == owner.userId()) {
            throw new OwnerCannotLeave();
        }
        int changed = jdbc.sql(
                        """
                        update organisation_member set status = 'REMOVED', removed_at = ?
                        where organisation_id = ? and user_id = ? and status = 'ACTIVE'""")
                .params(now(), owner.organisationId(), userId)
                .update();
        if (changed == 0) {
            throw new NotFoundException();
        }
        jdbc.sql(
                        """
                        delete from membership_seat where user_id = ?
                        and membership_id in (select id from membership where organisation_id = ?)""")
                .params(userId, owner.organisationId())
                .update();
        UserView removed = accounts.get(userId);
        accounts.deactivate(userId);
        mail.removed(removed, organisations.get(owner.organisationId()).name());
        events.publishEvent(new MemberRemoved(owner.organisationId(), userId));
        publish(
                owner,
                "organisation.member.removed",
                "user",
                Long.toString(userId),
                Map.of("member", removed.auditLabel()));
    }

    /** The owner gives a person of the organisation a seat in a membership, or takes it back (C4). */
    public boolean assign(Owner owner, long membershipId, long userId, boolean assigned) {
        MembershipView m = lockActiveMembership(owner, membershipId);
        boolean isPerson = organisations.people(owner.organisationId()).stream().anyMatch(p -> p.userId() == userId);
        if (!isPerson) {
            throw new NotFoundException();
        }
        if (assigned) {
            boolean has = jdbc.sql("select count(*) from membership_seat where membership_id = ? and user_id = ?")
                            .params(membershipId, userId)
                            .query(Integer.class)
                            .single()
                    > 0;
            if (has) {
                return true;
            }
            if (organisations.seatsTaken(membershipId) >= m.seatLimit()) {
                return false;
            }
            jdbc.sql("insert into membership_seat (membership_id, user_id) values (?, ?)")
                    .params(membershipId, userId)
                    .update();
        } else {
            jdbc.sql("delete from membership_seat where membership_id = ? and user_id = ?")
                    .params(membershipId, userId)
                    .update();
        }
        events.publishEvent(new LicencesChanged(membershipId, owner.organisationId()));
        publish(
                owner,
                assigned ? "organisation.seat.assigned" : "organisation.seat.released",
                "user",
                Long.toString(userId),
                Map.of("vendor", m.vendorName()));
        return true;
    }

    private MembershipView lockActiveMembership(Owner owner, long membershipId) {
        MembershipView m = jdbc.sql(
                        Organisations.MEMBERSHIP + " where m.id = ? and m.organisation_id = ? for update of m")
                .params(membershipId, owner.organisationId())
                .query(Rows.of(MembershipView.class))
                .optional()
                .orElseThrow(NotFoundException::new);
        if (!m.active()) {
            throw new NotFoundException();
        }
        return m;
    }

    private void publish(Owner owner, String action, String targetType, String targetId, Map<String, String> details) {
        events.publishEvent(new OrganisationChanged(
                owner.userId(), owner.label(), action, targetType, targetId, owner.organisationId(), details));
    }

    /** G1: the owner has to transfer ownership before leaving. */
    public static class OwnerCannotLeave extends RuntimeException {
        OwnerCannotLeave() {
            super(null, null, false, false);
        }
    }

    /** The current time as the JDBC driver binds it (it does not bind {@code Instant}). */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
