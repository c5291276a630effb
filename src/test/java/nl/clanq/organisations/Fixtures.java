package nl.clanq.organisations;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.NewAccount;
import nl.clanq.catalog.Catalog;
import nl.clanq.catalog.ModuleView;
import nl.clanq.catalog.VendorView;
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
            long orgId = jdbc.sql(
                            """
                            insert into organisation (name, kvk_number, city, industry, employees, owner_user_id)
                            values ('Testorganisatie', '12345678', 'Utrecht', 'government', '51-250', ?) returning id""")
                    .param(ownerId)
                    .query(Long.class)
                    .single();
            jdbc.sql("insert into organisation_member (organisation_id, user_id) values (?, ?)")
                    .params(orgId, ownerId)
                    .update();
            long membershipId = registrations.openMembership(
                    orgId, vendor().id(), Set.of(modules().get(0).id()), ownerId, "ACTIVE");
            jdbc.sql("update licence set confirmed_at = now() where membership_id = ?")
                    .param(membershipId)
                    .update();
            return new Org(orgId, membershipId, ownerId, email);
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
            return id;
        });
    }

    public UserDetails principal(long userId) {
        return users.loadUserByUsername(accounts.get(userId).email());
    }

    public UserDetails staff() {
        return users.loadUserByUsername("beheer@clanq.nl");
    }
}
