package nl.clanq.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import nl.clanq.IntegrationTest;
import nl.clanq.MovableClock;
import nl.clanq.TestMail;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.mail.Mailer;
import nl.clanq.messaging.Messaging;
import nl.clanq.organisations.Fixtures;
import nl.clanq.organisations.Organisations;
import nl.clanq.shared.web.NotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * C10: staff block members, administrators block organisations; blocked people lose their open
 * sessions at their next request and read why and until when; warnings arrive from Clanqbeheer and
 * are counted; private staff notes stay with staff. Sessions are real: made through the login form
 * and carried by the session cookie, as a browser does.
 */
@IntegrationTest
class SanctionsIntegrationTests {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private static final DateTimeFormatter DUTCH_DATE =
            DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.of("nl"));

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Sanctions sanctions;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Accounts accounts;

    @Autowired
    Organisations organisations;

    @Autowired
    Messaging messaging;

    @Autowired
    Mailer mailer;

    @Autowired
    MessageSource messages;

    @Autowired
    ApplicationEventPublisher events;

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return perform(request).getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private String email(long userId) {
        return jdbc.sql("select email from app_user where id = ?")
                .param(userId)
                .query(String.class)
                .single();
    }

    private UserDetails moderator() {
        return fixtures.principalByEmail("moderator@clanq.nl");
    }

    private UserDetails admin() {
        return fixtures.staff();
    }

    /**
     * Signs in through the login form; answers where it went and the session cookie it set. Every
     * attempt comes from an address of its own, so that the login limit per address (S11) never
     * answers instead, here or in other test classes.
     */
    private MvcResult loginAttempt(long userId) throws Exception {
        return perform(post("/login")
                .with(csrf())
                .with(ownAddress())
                .param("email", email(userId))
                .param("password", Fixtures.PASSWORD));
    }

    private static RequestPostProcessor ownAddress() {
        int n = ADDRESSES.incrementAndGet();
        String address = "198.18." + (n / 250 % 250) + "." + (n % 250 + 1);
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private Cookie login(long userId) throws Exception {
        MvcResult result = loginAttempt(userId);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/start");
        return result.getResponse().getCookie("CLANQ_SESSION");
    }

    private static LocalDate today() {
        return LocalDate.now(Sanctions.TIME_ZONE);
    }

    private MvcResult blockMember(UserDetails staff, long userId, String reason, LocalDate until) throws Exception {
        MockHttpServletRequestBuilder request = post("/staff/members/{id}/block", userId)
                .with(user(staff))
                .with(csrf())
                .param("reason", reason);
        request = until == null ? request.param("indefinite", "true") : request.param("until", until.toString());
        return perform(request);
    }

    private MvcResult blockOrganisation(UserDetails staff, long organisationId, String reason, LocalDate until)
            throws Exception {
        MockHttpServletRequestBuilder request = post("/staff/organisations/{id}/block", organisationId)
                .with(user(staff))
                .with(csrf())
                .param("reason", reason);
        request = until == null ? request.param("indefinite", "true") : request.param("until", until.toString());
        return perform(request);
    }

    /** The notice a refused login or request leads to, read with the session cookie it set. */
    private String notice(MvcResult refused) throws Exception {
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/login/refused/blocked");
        Cookie session = refused.getResponse().getCookie("CLANQ_SESSION");
        assertThat(session).as("a new session for the notice").isNotNull();
        return page(get("/login/refused/blocked").cookie(session));
    }

    private static StaffActor actor(UserDetails staff) {
        return StaffActor.of((ClanqPrincipal) staff);
    }

    private int audited(String action, long targetId) {
        return jdbc.sql("select count(*) from audit_log where action = ? and target_id = ?")
                .params(action, Long.toString(targetId))
                .query(Integer.class)
                .single();
    }

    @Test
    void blockedMemberSessionEndsOnNextRequest_C10() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        long conversation = fixtures.conversation(member, org.ownerId());
        Cookie session = login(member);
        Cookie second = login(member);
        assertThat(perform(get("/forums").cookie(session)).getResponse().getStatus())
                .isEqualTo(200);

        MvcResult blocked = blockMember(moderator(), member, "Herhaaldelijk reclame in het forum", null);
        assertThat(blocked.getResponse().getRedirectedUrl()).isEqualTo("/staff/members/" + member);

        // The open session ends at its next click, on the notice with the reason.
        MvcResult next = perform(get("/forums").cookie(session));
        assertThat(notice(next)).contains("Uw account is geblokkeerd", "Herhaaldelijk reclame in het forum");
        assertThat(perform(get("/start").cookie(session)).getResponse().getRedirectedUrl())
                .endsWith("/login");
        // An htmx call of another open session sends that whole page to the notice.
        MvcResult htmx = perform(get("/messages/unread").cookie(second).header("HX-Request", "true"));
        assertThat(htmx.getResponse().getStatus()).isEqualTo(204);
        assertThat(htmx.getResponse().getHeader("HX-Redirect")).isEqualTo("/login/refused/blocked");

        // What the member wrote stays.
        assertThat(page(get("/messages/{id}", conversation).with(user(fixtures.principal(org.ownerId())))))
                .contains("Hallo, heb je even?");
    }

    @Test
    void blockedMemberLoginShowsReasonAndEndDate_C10() throws Exception {
        long member = fixtures.member(fixtures.organisation());
        LocalDate until = today().plusDays(10);
        blockMember(moderator(), member, "Persoonsgegevens van collega's gedeeld", until);

        String notice = notice(loginAttempt(member));
        assertThat(notice)
                .contains("Uw account is geblokkeerd")
                .contains("Persoonsgegevens van collega's gedeeld")
                .contains(DUTCH_DATE.format(until));

        // Nobody else learns the reason: not without the refused person's session, and not with a wrong password.
        String elsewhere = page(get("/login/refused/blocked"));
        assertThat(elsewhere).contains("Uw account is geblokkeerd").doesNotContain("Persoonsgegevens");
        MvcResult wrong = perform(post("/login")
                .with(csrf())
                .with(ownAddress())
                .param("email", email(member))
                .param("password", "not the password"));
        assertThat(wrong.getResponse().getRedirectedUrl()).isEqualTo("/login?error");

        // Indefinitely says so.
        long other = fixtures.member(fixtures.organisation());
        blockMember(moderator(), other, "Spam", null);
        assertThat(notice(loginAttempt(other))).contains("voor onbepaalde tijd");
    }

    @Test
    void blockEndsOnItsDate_C10() throws Exception {
        // On a clock the test moves: the block ends at the start of its end date, Dutch time.
        MovableClock clock = new MovableClock("2026-11-20T10:00:00Z");
        Sanctions onClock = new Sanctions(jdbc, accounts, organisations, messaging, mailer, messages, events, clock);
        long member = fixtures.member(fixtures.organisation());
        StaffActor moderator = actor(moderator());
        assertThatThrownBy(() -> tx.executeWithoutResult(
                        s -> onClock.blockMember(moderator, member, "Te kort", LocalDate.of(2026, 11, 20))))
                .isInstanceOf(InvalidSanction.class)
                .extracting(e -> ((InvalidSanction) e).problems())
                .isEqualTo(java.util.Map.of("until", "sanctions.until.future"));
        tx.executeWithoutResult(s -> onClock.blockMember(moderator, member, "Vijf dagen", LocalDate.of(2026, 11, 25)));

        clock.set(Instant.parse("2026-11-24T22:59:59Z")); // 23:59:59 on 24 November in Amsterdam
        assertThat(onClock.isBlocked(member)).isTrue();
        clock.set(Instant.parse("2026-11-24T23:00:00Z")); // midnight: 25 November has begun
        assertThat(onClock.isBlocked(member)).isFalse();

        // Nothing has to run when the date passes: a block whose end date is today lets the member in.
        long other = fixtures.member(fixtures.organisation());
        blockMember(moderator(), other, "Even afkoelen", today().plusDays(3));
        assertThat(loginAttempt(other).getResponse().getRedirectedUrl()).isEqualTo("/login/refused/blocked");
        jdbc.sql("update user_block set until = ? where user_id = ?")
                .params(today(), other)
                .update();
        login(other);
    }

    @Test
    void organisationBlockEndsEveryMembersSessionAndMailsOwner_C10() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long first = fixtures.member(org);
        long second = fixtures.member(org);
        Cookie firstSession = login(first);
        Cookie secondSession = login(second);
        LocalDate until = today().plusDays(30);

        MvcResult blocked = blockOrganisation(admin(), org.id(), "Accounts gedeeld met externe adviseurs", until);
        assertThat(blocked.getResponse().getRedirectedUrl()).isEqualTo("/staff/organisations/" + org.id());

        for (Cookie session : List.of(firstSession, secondSession)) {
            assertThat(notice(perform(get("/start").cookie(session))))
                    .contains("Accounts gedeeld met externe adviseurs")
                    .contains(DUTCH_DATE.format(until))
                    .contains("uw hele organisatie");
        }
        assertThat(loginAttempt(org.ownerId()).getResponse().getRedirectedUrl()).isEqualTo("/login/refused/blocked");
        TestMail.ReceivedMail mail = TestMail.awaitMail(org.ownerEmail(), "geblokkeerd");
        assertThat(mail.text()).contains("Accounts gedeeld met externe adviseurs", DUTCH_DATE.format(until));

        // Whoever joins while the block lasts is blocked too.
        long newcomer = fixtures.member(org);
        assertThat(loginAttempt(newcomer).getResponse().getRedirectedUrl()).isEqualTo("/login/refused/blocked");
        // The staff organisation page shows the block.
        assertThat(page(get("/staff/organisations/{id}/block", org.id()).with(user(admin()))))
                .contains("De organisatie is geblokkeerd", "Accounts gedeeld met externe adviseurs");
    }

    @Test
    void organisationUnblockRestoresOnlyThoseNotBlockedOnTheirOwn_C10() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long ownBlock = fixtures.member(org);
        long colleague = fixtures.member(org);
        blockMember(moderator(), ownBlock, "Beledigende reacties", null);
        blockOrganisation(admin(), org.id(), "Betalingsfraude bij de aanmelding", null);
        assertThat(loginAttempt(colleague).getResponse().getRedirectedUrl()).isEqualTo("/login/refused/blocked");

        MvcResult unblocked = perform(post("/staff/organisations/{id}/unblock", org.id())
                .with(user(admin()))
                .with(csrf())
                .param("reason", "Fraude bleek een misverstand"));
        assertThat(unblocked.getResponse().getRedirectedUrl()).isEqualTo("/staff/organisations/" + org.id());

        login(colleague);
        login(org.ownerId());
        assertThat(notice(loginAttempt(ownBlock))).contains("Beledigende reacties");
        assertThat(sanctions.isBlocked(ownBlock)).isTrue();
        assertThat(TestMail.awaitMail(org.ownerEmail(), "opgeheven").text()).contains("opgeheven");
    }

    @Test
    void moderatorBlocksMember_C10() throws Exception {
        long member = fixtures.member(fixtures.organisation());

        // An incomplete form comes back with the typed input and writes nothing.
        String incomplete = page(post("/staff/members/{id}/block", member)
                .with(user(moderator()))
                .with(csrf())
                .param("reason", " ")
                .param("until", today().plusDays(7).toString()));
        assertThat(incomplete).contains("Geef een reden op.").contains("value=\"" + today().plusDays(7) + "\"");
        String past = page(post("/staff/members/{id}/block", member)
                .with(user(moderator()))
                .with(csrf())
                .param("reason", "Reclame")
                .param("until", today().toString()));
        assertThat(past).contains("De einddatum moet na vandaag liggen.");
        assertThat(sanctions.isBlocked(member)).isFalse();

        assertThat(blockMember(moderator(), member, "Reclame", today().plusDays(7))
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/staff/members/" + member);
        assertThat(sanctions.isBlocked(member)).isTrue();
        assertThat(page(get("/staff/members/{id}", member).with(user(moderator()))))
                .contains("Het lid is geblokkeerd", "Reclame", DUTCH_DATE.format(today().plusDays(7)));

        // Staff cannot be blocked, and their page does not exist.
        long administrator = ((ClanqPrincipal) admin()).id();
        assertThat(blockMember(moderator(), administrator, "Poging", null)
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(perform(get("/staff/members/{id}", administrator).with(user(moderator())))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);

        // The moderator lifts it again, with a reason.
        assertThat(perform(post("/staff/members/{id}/unblock", member)
                                .with(user(moderator()))
                                .with(csrf())
                                .param("reason", "Excuses aangeboden"))
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/staff/members/" + member);
        login(member);
    }

    @Test
    void moderatorCannotBlockOrganisation_C10() throws Exception {
        Fixtures.Org org = fixtures.organisation();

        assertThat(blockOrganisation(moderator(), org.id(), "Poging van een moderator", null)
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(perform(get("/staff/organisations/{id}/block", org.id()).with(user(moderator())))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        StaffActor moderator = actor(moderator());
        assertThatThrownBy(() -> tx.executeWithoutResult(
                        s -> sanctions.blockOrganisation(moderator, org.id(), "Via de service", null)))
                .isInstanceOf(NotFoundException.class);

        assertThat(jdbc.sql("select count(*) from organisation_block where organisation_id = ?")
                        .param(org.id())
                        .query(Integer.class)
                        .single())
                .isZero();
        login(org.ownerId());
    }

    @Test
    void warningsAreCountedAndArriveAsClanqbeheerMessage_C10() throws Exception {
        long member = fixtures.member(fixtures.organisation());
        UserDetails self = fixtures.principal(member);
        for (String subject : List.of("Waarschuwing: toon in het forum", "Tweede waarschuwing: toon")) {
            MvcResult warned = perform(post("/staff/members/{id}/warnings", member)
                    .with(user(moderator()))
                    .with(csrf())
                    .param("subject", subject)
                    .param("text", "Houd het zakelijk, ook als u het oneens bent."));
            assertThat(warned.getResponse().getRedirectedUrl()).isEqualTo("/staff/members/" + member);
        }
        // Without a text nothing is sent, and the count stays.
        assertThat(page(post("/staff/members/{id}/warnings", member)
                        .with(user(moderator()))
                        .with(csrf())
                        .param("subject", "Zonder tekst")
                        .param("text", "")))
                .contains("Schrijf een tekst.");

        assertThat(sanctions.warningCount(member)).isEqualTo(2);
        assertThat(page(get("/staff/members/{id}", member).with(user(moderator()))))
                .contains("2 waarschuwingen", "Waarschuwing: toon in het forum", "Tweede waarschuwing: toon");

        // The member reads them among their messages, from Clanqbeheer, and answers.
        assertThat(page(get("/messages").with(user(self))))
                .contains("Waarschuwing: toon in het forum", "Clanqbeheer")
                .doesNotContain("Zonder tekst");
        long conversation = jdbc.sql(
                        "select conversation_id from member_warning where user_id = ? and subject = 'Tweede waarschuwing: toon'")
                .param(member)
                .query(Long.class)
                .single();
        String read = page(get("/messages/{id}", conversation).with(user(self)));
        assertThat(read)
                .contains("<strong>Clanqbeheer</strong>", "Houd het zakelijk")
                .doesNotContain("Ruben Bakker");
        assertThat(perform(post("/messages/{id}", conversation)
                                .with(user(self))
                                .with(csrf())
                                .param("body", "Begrepen, het spijt me."))
                        .getResponse()
                        .getRedirectedUrl())
                .startsWith("/messages/" + conversation);
        assertThat(page(get("/messages/{id}", conversation).with(user(moderator()))))
                .contains("Begrepen, het spijt me.");
    }

    @Test
    void staffNotesAreInvisibleToMembersAndOwners() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        String note = "Belde boos op over de moderatie " + System.nanoTime();

        MvcResult added = perform(post("/staff/members/{id}/notes", member)
                .with(user(moderator()))
                .with(csrf())
                .param("text", note));
        assertThat(added.getResponse().getRedirectedUrl()).isEqualTo("/staff/members/" + member);
        assertThat(page(get("/staff/members/{id}", member).with(user(admin())))).contains(note);

        // Neither the member nor the owner can see it, anywhere they can look.
        for (long person : new long[] {member, org.ownerId()}) {
            UserDetails principal = fixtures.principal(person);
            assertThat(perform(get("/staff/members/{id}", member).with(user(principal)))
                            .getResponse()
                            .getStatus())
                    .isEqualTo(404);
            assertThat(page(get("/members/{id}", member).with(user(principal)))).doesNotContain(note);
            assertThat(page(get("/messages").with(user(principal)))).doesNotContain(note);
        }
        String ownersAudit = page(get("/organisation/audit").with(user(fixtures.principal(org.ownerId()))));
        assertThat(ownersAudit).doesNotContain(note).doesNotContain("moderation.member.noted");

        // The audit log says that a note was written, not what it says, and names no organisation.
        record Entry(Long organisationId, String details) {}
        Entry entry = jdbc.sql(
                        """
                        select organisation_id, details::text as details from audit_log
                        where action = 'moderation.member.noted' and target_id = ?""")
                .param(Long.toString(member))
                .query(Entry.class)
                .single();
        assertThat(entry.organisationId()).isNull();
        assertThat(entry.details()).doesNotContain(note);
    }

    @Test
    void sanctionsAreAudited_S8() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        blockMember(moderator(), member, "Reclame", null);
        perform(post("/staff/members/{id}/unblock", member)
                .with(user(moderator()))
                .with(csrf())
                .param("reason", "Toegezegd te stoppen"));
        perform(post("/staff/members/{id}/warnings", member)
                .with(user(moderator()))
                .with(csrf())
                .param("subject", "Waarschuwing")
                .param("text", "Geen reclame in het forum."));
        perform(post("/staff/members/{id}/notes", member)
                .with(user(moderator()))
                .with(csrf())
                .param("text", "Tweede keer reclame."));
        blockOrganisation(admin(), org.id(), "Gedeelde accounts", today().plusDays(14));
        perform(post("/staff/organisations/{id}/unblock", org.id())
                .with(user(admin()))
                .with(csrf())
                .param("reason", "Accounts gesplitst"));

        record Entry(String action, String actorLabel, Long organisationId, String reason) {}
        List<Entry> entries = jdbc.sql(
                        """
                        select action, actor_label, organisation_id, details->>'reason' as reason from audit_log
                        where action like 'moderation.%' and (target_id = ? and target_type = 'user'
                              or target_id = ? and target_type = 'organisation')
                        order by id""")
                .params(Long.toString(member), Long.toString(org.id()))
                .query(Entry.class)
                .list();
        assertThat(entries)
                .extracting(Entry::action)
                .containsExactly(
                        "moderation.member.blocked",
                        "moderation.member.unblocked",
                        "moderation.member.warned",
                        "moderation.member.noted",
                        "moderation.organisation.blocked",
                        "moderation.organisation.unblocked");
        assertThat(entries.get(0))
                .isEqualTo(new Entry(
                        "moderation.member.blocked", "Ruben Bakker <moderator@clanq.nl>", org.id(), "Reclame"));
        assertThat(entries.get(1).reason()).isEqualTo("Toegezegd te stoppen");
        assertThat(entries.get(2).organisationId()).isEqualTo(org.id());
        assertThat(entries.get(4))
                .isEqualTo(new Entry(
                        "moderation.organisation.blocked",
                        "Sanne de Wit <beheer@clanq.nl>",
                        org.id(),
                        "Gedeelde accounts"));
        assertThat(audited("moderation.organisation.unblocked", org.id())).isEqualTo(1);
    }

    @Test
    void demoHasAWarnedMemberAndABlockedOne_C10() throws Exception {
        long lotte = accounts.findByEmail("lotte@zuidwaarde.example.nl")
                .orElseThrow()
                .id();
        MemberRecord record = sanctions.record(lotte);
        assertThat(record.warningCount()).isEqualTo(1);
        assertThat(record.notes()).hasSize(1);
        assertThat(record.blocked()).isFalse();
        assertThat(page(get("/messages").with(user(fixtures.principal(lotte)))))
                .contains("Waarschuwing: persoonsgegevens in het forum");

        long sem = accounts.findByEmail(SanctionsDemoData.BLOCKED_EMAIL)
                .orElseThrow()
                .id();
        assertThat(sanctions.isBlocked(sem)).isTrue();
        assertThat(sanctions.record(sem).block().until()).isAfter(today());
    }
}
