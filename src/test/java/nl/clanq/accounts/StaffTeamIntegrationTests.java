package nl.clanq.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.clanq.IntegrationTest;
import nl.clanq.TestMail;
import nl.clanq.organisations.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * C10: administrators manage the staff team at {@code /staff/team}: they add moderators and
 * administrators (who set their password through a mailed link), change roles and remove people;
 * moderators cannot. The platform keeps an active administrator, nobody demotes or removes
 * themselves, a changed role applies from the next request and a removed person's sessions end.
 * Every act is audited (S8). Staff accounts are made per test; the demo staff are never changed.
 */
@IntegrationTest
class StaffTeamIntegrationTests {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static final Pattern SET_PASSWORD_LINK = Pattern.compile("/password/reset/([A-Za-z0-9_-]+)");
    private static final String NEW_PASSWORD = "een eigen wachtzin voor het beheerteam";

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @Autowired
    StaffTeam team;

    @Autowired
    TransactionTemplate tx;

    /** Staff accounts this test made; deactivated afterwards, so the team stays as other tests expect. */
    private final List<Long> made = new ArrayList<>();

    @AfterEach
    void deactivateStaffMadeHere() {
        made.addAll(jdbc.sql("select id from app_user where email like 'team-%@test.example.nl'")
                .query(Long.class)
                .list());
        jdbc.sql("update app_user set status = 'DEACTIVATED' where id = any(?) and staff_role is not null")
                .param(made.toArray(Long[]::new))
                .update();
    }

    // ------------------------------------------------------------------ helpers

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = perform(request);
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return perform(request).getResponse().getStatus();
    }

    /** A staff account with {@link Fixtures#PASSWORD}, made for this test. */
    private long staff(StaffRole role) {
        long id = fixtures.quickPerson(Fixtures.unique("team-" + role.name().toLowerCase()));
        jdbc.sql("update app_user set staff_role = ? where id = ?")
                .params(role.name(), id)
                .update();
        made.add(id);
        return id;
    }

    private UserDetails as(long userId) {
        return fixtures.principal(userId);
    }

    private String email(long userId) {
        return accounts.get(userId).email();
    }

    private MockHttpServletRequestBuilder add(
            long admin, String firstName, String lastName, String email, String role, String language) {
        return post("/staff/team")
                .with(user(as(admin)))
                .with(csrf())
                .param("firstName", firstName)
                .param("lastName", lastName)
                .param("email", email)
                .param("role", role)
                .param("language", language);
    }

    private MockHttpServletRequestBuilder changeRole(long admin, long userId, StaffRole role) {
        return post("/staff/team/{id}/role", userId)
                .with(user(as(admin)))
                .with(csrf())
                .param("role", role.name());
    }

    private MockHttpServletRequestBuilder remove(long admin, long userId) {
        return post("/staff/team/{id}/remove", userId).with(user(as(admin))).with(csrf());
    }

    /**
     * Signs in through the login form, from an address of its own (so that the login limit per
     * address, S11, never answers instead); answers the response.
     */
    private MvcResult loginAttempt(String email, String password) throws Exception {
        int n = ADDRESSES.incrementAndGet();
        String address = "198.18.200." + (n % 250 + 1);
        RequestPostProcessor from = request -> {
            request.setRemoteAddr(address);
            return request;
        };
        return perform(
                post("/login").with(csrf()).with(from).param("email", email).param("password", password));
    }

    /** Signs in as staff and answers the session cookie, as a browser keeps it. */
    private Cookie login(String email, String password) throws Exception {
        MvcResult result = loginAttempt(email, password);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/staff");
        return result.getResponse().getCookie("CLANQ_SESSION");
    }

    private String role(long userId) {
        return accounts.get(userId).staffRole();
    }

    private boolean active(long userId) {
        return accounts.get(userId).active();
    }

    private long idOf(String email) {
        return accounts.findByEmail(email).orElseThrow().id();
    }

    record Entry(Long actorUserId, String action, String member, String role, String fromRole, String toRole) {}

    private List<Entry> audited(long targetId) {
        return jdbc.sql(
                        """
                        select actor_user_id, action, details->>'member' as member, details->>'role' as role,
                               details->>'from' as from_role, details->>'to' as to_role
                        from audit_log where target_type = 'user' and target_id = ? and action like 'staff.%'
                        order by id""")
                .param(Long.toString(targetId))
                .query(Entry.class)
                .list();
    }

    // ------------------------------------------------------------------ adding

    @Test
    void administratorAddsAModeratorWhoSetsAPasswordByMail_C10() throws Exception {
        long admin = staff(StaffRole.ADMIN);
        String email = Fixtures.unique("team-new");

        MvcResult added = perform(add(admin, "Mila", "Mulder", email, "MODERATOR", "nl"));
        assertThat(added.getResponse().getRedirectedUrl()).isEqualTo("/staff/team");
        assertThat(added.getFlashMap().get("flash")).isEqualTo("team.added");
        assertThat(page(get("/staff/team").with(user(as(admin)))))
                .contains("Mila Mulder", email, "Uitgenodigd, nog niet aangemeld");
        long moderator = idOf(email);
        assertThat(role(moderator)).isEqualTo("MODERATOR");
        // No usable password until the link is used.
        assertThat(loginAttempt(email, "").getResponse().getRedirectedUrl()).isEqualTo("/login?error");

        TestMail.ReceivedMail mail = TestMail.awaitMail(email, "U bent toegevoegd aan het beheerteam van Clanq");
        assertThat(mail.text())
                .contains(accounts.get(admin).displayName()
                        + " heeft u toegevoegd aan het beheerteam van Clanq, als moderator")
                .contains("72 uur geldig");
        Matcher link = SET_PASSWORD_LINK.matcher(mail.text());
        assertThat(link.find()).as("a link to set the password").isTrue();
        String token = link.group(1);
        assertThat(page(get("/password/reset/" + token))).contains("Nieuw wachtwoord instellen");
        assertThat(perform(post("/password/reset/" + token)
                                .with(csrf())
                                .param("password", NEW_PASSWORD)
                                .param("passwordRepeat", NEW_PASSWORD))
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/login?reset");

        Cookie session = login(email, NEW_PASSWORD);
        // Like everyone, they accept the terms of use first (B7).
        assertThat(perform(get("/staff/moderation").cookie(session))
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/legal/accept");
        perform(post("/legal/accept").cookie(session).with(csrf()).param("accept", "true"));
        assertThat(status(get("/staff/moderation").cookie(session))).isEqualTo(200);
        assertThat(status(get("/staff/team").cookie(session))).isEqualTo(404);
        String moderation = page(get("/staff/moderation").cookie(session));
        assertThat(moderation).doesNotContain("href=\"/staff/team\"");

        String teamPage = page(get("/staff/team").with(user(as(admin))));
        assertThat(teamPage).contains("href=\"/staff/team\"");
        String row = teamPage.substring(teamPage.indexOf("id=\"member-" + moderator + "\""));
        assertThat(row.substring(0, row.indexOf("</tr>")))
                .contains("Actief")
                .doesNotContain("Uitgenodigd")
                .doesNotContain("Niet bekend");
    }

    @Test
    void theInvitationIsMailedInTheChosenLanguage() throws Exception {
        long admin = staff(StaffRole.ADMIN);
        String email = Fixtures.unique("team-english");

        perform(add(admin, "Alex", "Admin", email, "ADMIN", "en"));

        TestMail.ReceivedMail mail = TestMail.awaitMail(email, "You have been added to the Clanq staff team");
        assertThat(mail.text()).contains("as administrator").contains("valid for 72 hours");
        assertThat(accounts.get(idOf(email)).locale()).isEqualTo("en");
        assertThat(role(idOf(email))).isEqualTo("ADMIN");
    }

    @Test
    void anExistingMemberEmailIsRefused() throws Exception {
        long admin = staff(StaffRole.ADMIN);
        Fixtures.Org org = fixtures.organisation();

        String form = page(add(admin, "Olga", "Owner", org.ownerEmail().toUpperCase(), "MODERATOR", "nl"));

        assertThat(form)
                .contains("Dit e-mailadres hoort bij een lid van Clanq. Leden worden geen beheerders, en beheerders "
                        + "geen leden")
                .contains("value=\"Olga\"")
                .contains("value=\"Owner\"");
        assertThat(accounts.get(org.ownerId()).staffRole()).isNull();
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = ? and kind = 'staff.invitation'")
                        .param(org.ownerEmail())
                        .query(Integer.class)
                        .single())
                .isZero();

        long colleague = staff(StaffRole.MODERATOR);
        assertThat(page(add(admin, "Nog", "Eens", email(colleague), "ADMIN", "nl")))
                .contains("Dit e-mailadres hoort al bij iemand van het team.");
        assertThat(role(colleague)).isEqualTo("MODERATOR");

        assertThat(page(add(admin, "", " ", "geen-adres", "BAAS", "nl")))
                .contains("Vul de voornaam in.", "Vul de achternaam in.", "Vul een geldig e-mailadres in")
                .contains("Kies een rol: moderator of beheerder.");
    }

    // ------------------------------------------------------------------ who may

    @Test
    void moderatorCannotManageStaff_C10() throws Exception {
        UserDetails moderator = fixtures.principalByEmail("moderator@clanq.nl");
        long colleague = staff(StaffRole.MODERATOR);
        String email = Fixtures.unique("team-by-moderator");

        assertThat(status(get("/staff/team").with(user(moderator)))).isEqualTo(404);
        assertThat(status(post("/staff/team")
                        .with(user(moderator))
                        .with(csrf())
                        .param("firstName", "Niet")
                        .param("lastName", "Toegestaan")
                        .param("email", email)
                        .param("role", "ADMIN")
                        .param("language", "nl")))
                .isEqualTo(404);
        assertThat(status(post("/staff/team/{id}/role", colleague)
                        .with(user(moderator))
                        .with(csrf())
                        .param("role", "ADMIN")))
                .isEqualTo(404);
        assertThat(status(post("/staff/team/{id}/remove", colleague)
                        .with(user(moderator))
                        .with(csrf())))
                .isEqualTo(404);

        assertThat(accounts.exists(email)).isFalse();
        assertThat(role(colleague)).isEqualTo("MODERATOR");
        assertThat(active(colleague)).isTrue();
        assertThat(page(get("/staff/moderation").with(user(moderator)))).doesNotContain("href=\"/staff/team\"");
    }

    // ------------------------------------------------------------------ the last administrator, oneself

    @Test
    void theLastAdministratorCannotBeDemotedOrRemoved_C10() {
        // The demo administrator is always there, so the situation is made in a transaction that is
        // rolled back: every other administrator a moderator for the moment.
        long last = staff(StaffRole.ADMIN);
        long invited = staff(StaffRole.ADMIN);
        jdbc.sql("update app_user set password_hash = null where id = ?")
                .param(invited)
                .update();
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql("update app_user set staff_role = 'MODERATOR' where staff_role = 'ADMIN' and id not in (?, ?)")
                    .params(last, invited)
                    .update();
            StaffTeam.Actor actor = new StaffTeam.Actor(last);

            assertThatThrownBy(() -> team.changeRole(actor, last, StaffRole.MODERATOR))
                    .isInstanceOf(InvalidTeamChange.class)
                    .extracting(e -> ((InvalidTeamChange) e).problems())
                    .isEqualTo(Map.of("member", "team.lastAdministrator"));
            assertThatThrownBy(() -> team.remove(actor, last))
                    .isInstanceOf(InvalidTeamChange.class)
                    .extracting(e -> ((InvalidTeamChange) e).problems())
                    .isEqualTo(Map.of("member", "team.lastAdministrator"));
            assertThat(role(last)).isEqualTo("ADMIN");
            assertThat(active(last)).isTrue();

            // An administrator who never set a password cannot sign in, so does not count: the last
            // active administrator may still demote them.
            assertThat(team.changeRole(actor, invited, StaffRole.MODERATOR)).isTrue();
        });
    }

    @Test
    void anAdministratorCannotRemoveThemselves() throws Exception {
        long admin = staff(StaffRole.ADMIN);
        long other = staff(StaffRole.ADMIN);

        String refused = page(remove(admin, admin));
        assertThat(refused)
                .contains("U kunt uw eigen rol niet wijzigen en uzelf niet uit het team verwijderen; dat doet een "
                        + "andere beheerder.");
        assertThat(page(changeRole(admin, admin, StaffRole.MODERATOR)))
                .contains("U kunt uw eigen rol niet wijzigen en uzelf niet uit het team verwijderen");
        assertThat(active(admin)).isTrue();
        assertThat(role(admin)).isEqualTo("ADMIN");
        assertThat(audited(admin)).isEmpty();

        // Another administrator may.
        assertThat(perform(remove(other, admin)).getResponse().getRedirectedUrl())
                .isEqualTo("/staff/team");
        assertThat(active(admin)).isFalse();
    }

    // ------------------------------------------------------------------ sessions

    @Test
    void removedStaffSessionEndsOnNextRequest_C10() throws Exception {
        long admin = staff(StaffRole.ADMIN);
        long moderator = staff(StaffRole.MODERATOR);
        Cookie session = login(email(moderator), Fixtures.PASSWORD);
        Cookie second = login(email(moderator), Fixtures.PASSWORD);
        assertThat(status(get("/staff/moderation").cookie(session))).isEqualTo(200);

        MvcResult removed = perform(remove(admin, moderator));
        assertThat(removed.getResponse().getRedirectedUrl()).isEqualTo("/staff/team");
        assertThat(removed.getFlashMap().get("flash")).isEqualTo("team.removed");

        // Both open sessions are gone at their next request: staff pages hide, member pages ask to sign in.
        assertThat(status(get("/staff/moderation").cookie(session))).isEqualTo(404);
        assertThat(perform(get("/account/password").cookie(second))
                        .getResponse()
                        .getRedirectedUrl())
                .endsWith("/login");
        assertThat(loginAttempt(email(moderator), Fixtures.PASSWORD)
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/login?error");
        assertThat(page(get("/staff/team").with(user(as(admin))))).doesNotContain(email(moderator));
    }

    @Test
    void roleChangeTakesEffectOnTheNextRequest_C10() throws Exception {
        long admin = staff(StaffRole.ADMIN);
        long person = staff(StaffRole.MODERATOR);
        Cookie session = login(email(person), Fixtures.PASSWORD);
        assertThat(status(get("/staff/team").cookie(session))).isEqualTo(404);

        MvcResult promoted = perform(changeRole(admin, person, StaffRole.ADMIN));
        assertThat(promoted.getResponse().getRedirectedUrl()).isEqualTo("/staff/team");
        assertThat(promoted.getFlashMap().get("flash")).isEqualTo("team.role.changed");

        // The very next request of the open session has the new role, without signing in again.
        String teamPage = page(get("/staff/team").cookie(session));
        assertThat(teamPage).contains("Beheerteam", "href=\"/staff/team\"");
        assertThat(status(get("/staff/organisations").cookie(session))).isEqualTo(200);

        perform(changeRole(admin, person, StaffRole.MODERATOR));
        assertThat(status(get("/staff/team").cookie(session))).isEqualTo(404);
        assertThat(status(get("/staff/moderation").cookie(session))).isEqualTo(200);
        assertThat(role(person)).isEqualTo("MODERATOR");
    }

    @Test
    void aDemotedAdministratorCannotActOnWhatTheyStillHaveOpen() throws Exception {
        long admin = staff(StaffRole.ADMIN);
        long other = staff(StaffRole.ADMIN);
        UserDetails before = as(admin);
        perform(changeRole(other, admin, StaffRole.MODERATOR));

        // A request that was authorised as administrator before the change still finds them out.
        assertThat(status(post("/staff/team/{id}/remove", other)
                        .with(user(before))
                        .with(csrf())))
                .isEqualTo(404);
        assertThat(active(other)).isTrue();
        assertThat(role(other)).isEqualTo("ADMIN");
    }

    // ------------------------------------------------------------------ audit

    @Test
    void teamActsAreAudited_S8() throws Exception {
        long admin = staff(StaffRole.ADMIN);
        String email = Fixtures.unique("team-audited");

        perform(add(admin, "Sam", "Steenbergen", email, "MODERATOR", "nl"));
        long person = idOf(email);
        perform(changeRole(admin, person, StaffRole.ADMIN));
        perform(changeRole(admin, person, StaffRole.ADMIN)); // unchanged: nothing to log
        perform(remove(admin, person));

        String label = "Sam Steenbergen <" + email + ">";
        assertThat(audited(person))
                .containsExactly(
                        new Entry(admin, "staff.member.added", label, "MODERATOR", null, null),
                        new Entry(admin, "staff.role.changed", label, null, "MODERATOR", "ADMIN"),
                        new Entry(admin, "staff.member.removed", label, "ADMIN", null, null));
        assertThat(page(get("/staff/audit").param("action", "staff.").with(user(as(admin)))))
                .contains("staff.member.added", "staff.role.changed", "staff.member.removed", email);
    }
}
