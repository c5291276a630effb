package nl.clanq.organisations;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.NewAccount;
import nl.clanq.accounts.Profile;
import nl.clanq.catalog.Catalog;
import nl.clanq.catalog.ModuleView;
import nl.clanq.catalog.VendorView;
import nl.clanq.shared.demo.DemoContext;
import nl.clanq.shared.demo.DemoSeeder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo: a staff account, three approved organisations with different licences (owner plus one or
 * two members each) and one registration waiting for review. Every account uses the demo password.
 */
@Component
class OrganisationsDemoData implements DemoSeeder {

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Catalog catalog;
    private final Registrations registrations;
    private final nl.clanq.legal.Acceptances acceptances;

    OrganisationsDemoData(
            JdbcClient jdbc,
            Accounts accounts,
            Catalog catalog,
            Registrations registrations,
            nl.clanq.legal.Acceptances acceptances) {
        this.acceptances = acceptances;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.catalog = catalog;
        this.registrations = registrations;
    }

    @Override
    public String name() {
        return "organisations";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public boolean hasForeignData() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single() > 0;
    }

    @Override
    public void seed(DemoContext ctx) {
        long staff = person(ctx, "beheer@clanq.nl", "Sanne", "de Wit", "Community manager");
        accounts.makeStaff(staff, "ADMIN");
        long moderator = person(ctx, "moderator@clanq.nl", "Ruben", "Bakker", "Moderator");
        accounts.makeStaff(moderator, "MODERATOR");

        VendorView vendor = catalog.activeVendors().stream()
                .filter(v -> v.slug().equals("personeelsplein"))
                .findFirst()
                .orElseThrow();
        List<ModuleView> modules = catalog.activeModules(vendor.id());

        organisation(
                ctx,
                vendor.id(),
                "Gemeente Zuidwaarde",
                "40123456",
                "Zuidwaarde",
                "government",
                "1001-5000",
                modules(modules, "salarisadministratie", "verlof-en-verzuim", "selfservice", "koppelingen"),
                new String[] {"eva@zuidwaarde.example.nl", "Eva", "Jansen", "Functioneel beheerder HR"},
                new String[][] {
                    {"mark@zuidwaarde.example.nl", "Mark", "Visser", "Applicatiebeheerder salaris"},
                    {"lotte@zuidwaarde.example.nl", "Lotte", "Smit", "Medewerker HR-systemen"}
                },
                staff);
        organisation(
                ctx,
                vendor.id(),
                "Zorggroep De Linde",
                "41234567",
                "Amersfoort",
                "healthcare",
                "1001-5000",
                modules(modules, "salarisadministratie", "personeelsdossier", "rapportage"),
                new String[] {"daan@delinde.example.nl", "Daan", "de Boer", "Teamleider HR-informatievoorziening"},
                new String[][] {{"fatima@delinde.example.nl", "Fatima", "El Amrani", "Functioneel beheerder"}},
                staff);
        organisation(
                ctx,
                vendor.id(),
                "Veldman Techniek B.V.",
                "42345678",
                "Zwolle",
                "industry",
                "251-1000",
                modules(modules, "verlof-en-verzuim", "werving-en-selectie", "selfservice"),
                new String[] {"joost@veldman.example.nl", "Joost", "Veldman", "HR-adviseur en functioneel beheerder"},
                new String[][] {{"anouk@veldman.example.nl", "Anouk", "Mulder", "Salarisadministrateur"}},
                staff);

        // One registration waiting for review: confirmed address, not yet approved.
        long pending = registrations.register(
                new Registrations.Registration(
                        "Woonstichting Het Anker",
                        "43456789",
                        "Leeuwarden",
                        "housing",
                        "51-250",
                        vendor.id(),
                        modules(modules, "salarisadministratie", "personeelsdossier"),
                        "Peter",
                        "Hoekstra",
                        "peter@hetanker.example.nl",
                        "Coördinator HR-systemen",
                        "",
                        ctx.password(),
                        "nl"),
                "127.0.0.1");
        accounts.confirmEmail(pending);
        jdbc.sql("update membership set status = 'PENDING' where applied_by = ?")
                .param(pending)
                .update();
        jdbc.sql("update email_code set used_at = now() where user_id = ?")
                .param(pending)
                .update();
    }

    /** Where demo people live and what they know most about (C6 sorts colleagues by specialism). */
    private static final java.util.Map<String, Profile> PROFILES = java.util.Map.of(
            "eva@zuidwaarde.example.nl", profile("Zuidwaarde", "salarisverwerking", "autorisaties", "koppelingen"),
            "mark@zuidwaarde.example.nl", profile("Zuidwaarde", "salarisverwerking", "jaarafsluiting", "loonaangifte"),
            "lotte@zuidwaarde.example.nl", profile("Dordrecht", "verlofregistratie", "selfservice", "workflows"),
            "daan@delinde.example.nl", profile("Amersfoort", "rapportages", "jaarafsluiting", "pensioen"),
            "fatima@delinde.example.nl", profile("Utrecht", "personeelsdossier", "AVG", "salarisverwerking"),
            "joost@veldman.example.nl", profile("Zwolle", "verzuim", "werving en selectie", "onboarding"),
            "anouk@veldman.example.nl", profile("Kampen", "verlofregistratie", "selfservice", "cao"));

    private static Profile profile(String city, String... specialisms) {
        return new Profile("", "", "", city, "", false, "", java.util.List.of(specialisms));
    }

    private long person(DemoContext ctx, String email, String first, String last, String job) {
        long id = accounts.create(new NewAccount(email, first, last, job, "", "nl", ctx.password()));
        accounts.confirmEmail(id);
        acceptances.acceptCurrent(id, "127.0.0.1");
        Profile p = PROFILES.get(email);
        if (p != null) {
            accounts.updateProfile(
                    id,
                    new Profile(
                            first, last, job, p.city(), "06 1234 5678", email.startsWith("mark"), "", p.specialisms()));
        }
        return id;
    }

    private void organisation(
            DemoContext ctx,
            long vendorId,
            String name,
            String kvk,
            String city,
            String industry,
            String employees,
            Set<Long> licences,
            String[] owner,
            String[][] members,
            long approvedBy) {
        long ownerId = person(ctx, owner[0], owner[1], owner[2], owner[3]);
        long organisationId = jdbc.sql(
                        """
                        insert into organisation (name, kvk_number, city, industry, employees, owner_user_id)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(name, kvk, city, industry, employees, ownerId)
                .query(Long.class)
                .single();
        jdbc.sql("insert into organisation_member (organisation_id, user_id) values (?, ?)")
                .params(organisationId, ownerId)
                .update();
        long membershipId = registrations.openMembership(organisationId, vendorId, licences, ownerId, "ACTIVE");
        jdbc.sql("update membership set decided_at = now(), decided_by = ? where id = ?")
                .params(approvedBy, membershipId)
                .update();
        jdbc.sql("update licence set confirmed_at = now() where membership_id = ?")
                .param(membershipId)
                .update();
        for (String[] m : members) {
            long memberId = person(ctx, m[0], m[1], m[2], m[3]);
            jdbc.sql("insert into organisation_member (organisation_id, user_id) values (?, ?)")
                    .params(organisationId, memberId)
                    .update();
            jdbc.sql("insert into membership_seat (membership_id, user_id) values (?, ?)")
                    .params(membershipId, memberId)
                    .update();
        }
    }

    private static Set<Long> modules(List<ModuleView> all, String... slugs) {
        Set<String> wanted = Set.of(slugs);
        return all.stream()
                .filter(m -> wanted.contains(m.slug()))
                .map(ModuleView::id)
                .collect(Collectors.toSet());
    }
}
