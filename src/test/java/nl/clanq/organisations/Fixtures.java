package nl.clanq.organisations;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.NewAccount;
import nl.clanq.catalog.Catalog;
import nl.clanq.catalog.ModuleView;
import nl.clanq.catalog.VendorView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Test data made through the real services: organisations with an owner, members and licences. */
@Component
public class Fixtures {

    public static final String PASSWORD = "fixture passphrase 2026";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final Accounts accounts;
    private final Registrations registrations;
    private final Catalog catalog;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final UserDetailsService users;

    @org.springframework.beans.factory.annotation.Autowired
    private nl.clanq.messaging.Messaging messaging;

    @org.springframework.beans.factory.annotation.Autowired
    private nl.clanq.legal.Acceptances acceptances;

    @Autowired
    private Seats seats;

    @Autowired
    private Governance governance;

    @Autowired
    private OwnerCheck ownerCheck;

    Fixtures(
            Accounts accounts,
            Registrations registrations,
            Catalog catalog,
            JdbcClient jdbc,
            TransactionTemplate tx,
            UserDetailsService users) {
        this.accounts = accounts;
        this.registrations = registrations;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.tx = tx;
        this.users = users;
    }

    public record Org(long id, long membershipId, long ownerId, String ownerEmail) {}

    public VendorView vendor() {
        return catalog.activeVendors().stream()
                .filter(v -> v.slug().equals("personeelsplein"))
                .findFirst()
                .orElseThrow();
    }

    public List<ModuleView> modules() {
        return catalog.activeModules(vendor().id());
    }

    public static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() + "-" + SEQ.incrementAndGet() + "@test.example.nl";
    }

    /** An approved organisation with its owner holding a seat and a licence for the first module. */
    public Org organisation() {
        return tx.execute(status -> {
            String email = unique("owner");
            long ownerId = person(email);
            return newOrganisation(
                    "Testorganisatie",
                    email,
                    ownerId,
                    vendor().id(),
                    modules().get(0).id(),
                    "ACTIVE");
        });
    }

    /** An organisation whose registration waits for staff (PENDING); its owner holds the only seat. */
    public Org pendingOrganisation() {
        return tx.execute(status -> {
            String email = unique("pending");
            long ownerId = person(email);
            return newOrganisation(
                    "Wachtende organisatie",
                    email,
                    ownerId,
                    vendor().id(),
                    modules().get(0).id(),
                    "PENDING");
        });
    }

    /** A member of {@code org} with a seat in its membership. */
    public long member(Org org) {
        return tx.execute(status -> {
            long id = person(unique("member"));
            jdbc.sql("insert into organisation_member (organisation_id, user_id) values (?, ?)")
                    .params(org.id(), id)
                    .update();
            jdbc.sql("insert into membership_seat (membership_id, user_id) values (?, ?)")
                    .params(org.membershipId(), id)
                    .update();
            return id;
        });
    }

    public long person(String email) {
        return tx.execute(status -> {
            long id = accounts.create(new NewAccount(email, "Test", "Persoon", "Tester", "", "nl", PASSWORD));
            accounts.confirmEmail(id);
            acceptances.acceptCurrent(id, "127.0.0.1"); // as at registration (C10)
            return id;
        });
    }

    /** A conversation started by {@code from}, with {@code to} or (when null) the staff inbox. */
    public long conversation(long from, Long to) {
        return tx.execute(s -> messaging
                .start(
                        new nl.clanq.messaging.Messaging.Viewer(from, false, "test"),
                        to == null ? java.util.Set.of() : java.util.Set.of(to),
                        to == null,
                        "Vraag over de salarisrun",
                        "Hallo, heb je even?")
                .conversationId());
    }

    public UserDetails principal(long userId) {
        return users.loadUserByUsername(accounts.get(userId).email());
    }

    public UserDetails principalByEmail(String email) {
        return users.loadUserByUsername(email);
    }

    public UserDetails staff() {
        return users.loadUserByUsername("beheer@clanq.nl");
    }

    /**
     * An approved organisation in the community of {@code vendorId}: its owner holds a seat and a
     * confirmed licence for the vendor's first active module.
     */
    public Org organisation(long vendorId) {
        return tx.execute(status -> {
            String email = unique("owner");
            long ownerId = quickPerson(email);
            return newOrganisation(
                    "Testorganisatie",
                    email,
                    ownerId,
                    vendorId,
                    catalog.activeModules(vendorId).get(0).id(),
                    "ACTIVE");
        });
    }

    /**
     * An application of {@code org} for the community of {@code vendorId} that waits for staff
     * (status PENDING, the vendor's first active module), as after applying for another community.
     */
    public long pendingMembership(Org org, long vendorId) {
        return tx.execute(status -> registrations.openMembership(
                org.id(),
                vendorId,
                Set.of(catalog.activeModules(vendorId).get(0).id()),
                org.ownerId(),
                "PENDING"));
    }

    /**
     * An organisation owned by {@code ownerId}, who holds its seat, with a membership of the given
     * status for one module; an ACTIVE membership's licence is confirmed. Runs in the caller's
     * transaction.
     */
    private Org newOrganisation(
            String name, String email, long ownerId, long vendorId, long moduleId, String membershipStatus) {
        long orgId = jdbc.sql(
                        """
                        insert into organisation (name, kvk_number, city, industry, employees, owner_user_id)
                        values (?, '12345678', 'Utrecht', 'government', '51-250', ?) returning id""")
                .params(name, ownerId)
                .query(Long.class)
                .single();
        jdbc.sql("insert into organisation_member (organisation_id, user_id) values (?, ?)")
                .params(orgId, ownerId)
                .update();
        long membershipId = registrations.openMembership(orgId, vendorId, Set.of(moduleId), ownerId, membershipStatus);
        if ("ACTIVE".equals(membershipStatus)) {
            jdbc.sql("update licence set confirmed_at = now() where membership_id = ?")
                    .param(membershipId)
                    .update();
        }
        return new Org(orgId, membershipId, ownerId, email);
    }

    public record Invitation(long id, String token) {}

    /** An open invitation to {@code org}'s membership, as its owner sends it (without the mail). */
    public Invitation invitation(Org org) {
        return tx.execute(status -> {
            String token =
                    seats.createInvitation(org.id(), org.membershipId(), unique("invitee"), false, org.ownerId());
            long id = jdbc.sql("select id from invitation where token_hash = ?")
                    .param(nl.clanq.accounts.Tokens.hash(token))
                    .query(Long.class)
                    .single();
            return new Invitation(id, token);
        });
    }

    /**
     * A pending licence change request of {@code org}'s membership (adds the vendor's second active
     * module), as its owner makes it; staff decide on it.
     */
    public long licenceRequest(Org org, long vendorId) {
        return tx.execute(status -> {
            List<ModuleView> offered = catalog.activeModules(vendorId);
            governance.requestLicenceChange(
                    ownerCheck.require(org.ownerId()),
                    org.membershipId(),
                    Set.of(offered.get(0).id(), offered.get(1).id()),
                    "");
            return jdbc.sql("select max(id) from licence_change_request where membership_id = ? and status = 'PENDING'")
                    .param(org.membershipId())
                    .query(Long.class)
                    .single();
        });
    }

    private volatile Long passwordTemplate;

    /**
     * Like {@link #person}, but without hashing again: the account gets the stored hash of {@link
     * #PASSWORD} of one person made once through the real service. Argon2 costs tens of
     * milliseconds a hash, too much for suites that make hundreds of people.
     */
    public long quickPerson(String email) {
        Long template = passwordTemplate;
        if (template == null) {
            template = person(unique("template"));
            passwordTemplate = template;
        }
        long from = template;
        return tx.execute(status -> {
            long id = jdbc.sql(
                            """
                            insert into app_user (email, password_hash, first_name, last_name, job_title, locale,
                                                  email_verified, password_changed_at)
                            select ?, password_hash, first_name, last_name, job_title, locale, true, password_changed_at
                            from app_user where id = ? returning id""")
                    .params(email.toLowerCase(java.util.Locale.ROOT), from)
                    .query(Long.class)
                    .single();
            acceptances.acceptCurrent(id, "127.0.0.1");
            return id;
        });
    }

    /** Like {@link #member}, made with {@link #quickPerson}. */
    public long quickMember(Org org) {
        return tx.execute(status -> {
            long id = quickPerson(unique("member"));
            jdbc.sql("insert into organisation_member (organisation_id, user_id) values (?, ?)")
                    .params(org.id(), id)
                    .update();
            jdbc.sql("insert into membership_seat (membership_id, user_id) values (?, ?)")
                    .params(org.membershipId(), id)
                    .update();
            return id;
        });
    }
}
