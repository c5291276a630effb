package nl.clanq.moderation;

import java.time.Clock;
import java.time.LocalDate;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.NewAccount;
import nl.clanq.accounts.UserView;
import nl.clanq.legal.Acceptances;
import nl.clanq.shared.demo.DemoContext;
import nl.clanq.shared.demo.DemoSeeder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo (C10): Lotte of Gemeente Zuidwaarde has a warning from Clanqbeheer in her messages and a
 * staff note; Sem, a fourth person of Veldman Techniek made for this purpose (so that no demo
 * login of the README or the browser tests is blocked), is warned and blocked for 60 days.
 */
@Component
class SanctionsDemoData implements DemoSeeder {

    static final String BLOCKED_EMAIL = "sem@veldman.example.nl";

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Acceptances acceptances;
    private final Sanctions sanctions;
    private final Clock clock;

    SanctionsDemoData(JdbcClient jdbc, Accounts accounts, Acceptances acceptances, Sanctions sanctions, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.acceptances = acceptances;
        this.sanctions = sanctions;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sanctions";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public boolean hasForeignData() {
        return jdbc.sql(
                                """
                        select (select count(*) from user_block) + (select count(*) from organisation_block)
                             + (select count(*) from member_warning) + (select count(*) from staff_note)""")
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public void seed(DemoContext context) {
        StaffActor administrator = actor("beheer@clanq.nl");
        StaffActor moderator = actor("moderator@clanq.nl");

        long lotte = user("lotte@zuidwaarde.example.nl").id();
        sanctions.warn(
                moderator,
                lotte,
                "Waarschuwing: persoonsgegevens in het forum",
                """
                Beste Lotte,

                In uw vraag over de verlofregistratie stond een schermafdruk met namen en BSN's van medewerkers. \
                Wij hebben de afbeelding verwijderd. Deel geen persoonsgegevens op Clanq: dat staat in de \
                gebruiksvoorwaarden, en het beschermt uw collega's.

                Dit is een waarschuwing. U kunt op dit bericht antwoorden als u vragen heeft.

                Met vriendelijke groet,
                Clanqbeheer""",
                null);
        sanctions.addNote(
                moderator,
                lotte,
                "Telefonisch gesproken: de schermafdruk was per ongeluk geplaatst. Eerste overtreding, geen verdere actie.");

        long sem = blockedPerson(context);
        sanctions.warn(
                moderator,
                sem,
                "Waarschuwing: toon in het forum",
                "Uw reacties op de vragen over de jaarafsluiting waren beledigend naar andere leden. "
                        + "Houd het zakelijk; bij herhaling volgt een blokkade.",
                null);
        sanctions.blockMember(
                administrator,
                sem,
                "Herhaaldelijk beledigende reacties in het forum, ook na een waarschuwing (gebruiksvoorwaarden, artikel 4).",
                LocalDate.ofInstant(clock.instant(), Sanctions.TIME_ZONE).plusDays(60));
    }

    /** A person of Veldman Techniek with a seat, like the other demo members. */
    private long blockedPerson(DemoContext context) {
        long id = accounts.create(new NewAccount(
                BLOCKED_EMAIL, "Sem", "de Vries", "Planner personeelszaken", "", "nl", context.password()));
        accounts.confirmEmail(id);
        acceptances.acceptCurrent(id, "127.0.0.1");
        // The organisations module offers no way in without an invitation; demo data may take the short cut.
        long organisation = jdbc.sql("select id from organisation where kvk_number = '42345678'")
                .query(Long.class)
                .single();
        jdbc.sql("insert into organisation_member (organisation_id, user_id) values (?, ?)")
                .params(organisation, id)
                .update();
        jdbc.sql(
                        """
                        insert into membership_seat (membership_id, user_id)
                        select id, ? from membership where organisation_id = ? and status = 'ACTIVE'""")
                .params(id, organisation)
                .update();
        return id;
    }

    private StaffActor actor(String email) {
        UserView staff = user(email);
        return new StaffActor(staff.id(), staff.auditLabel(), "ADMIN".equals(staff.staffRole()));
    }

    private UserView user(String email) {
        return accounts.findByEmail(email).orElseThrow();
    }
}
