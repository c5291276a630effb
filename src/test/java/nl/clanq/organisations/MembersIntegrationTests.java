package nl.clanq.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Map;
import nl.clanq.IntegrationTest;
import nl.clanq.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class MembersIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    private MockHttpServletRequestBuilder registration(String email) {
        return registration(email, true);
    }

    private MockHttpServletRequestBuilder registration(String email, boolean acceptTerms) {
        long module = fixtures.modules().get(1).id();
        return post("/register/personeelsplein")
                .with(csrf())
                .param("organisationName", "Gemeente Testdorp")
                .param("kvkNumber", "87654321")
                .param("city", "Testdorp")
                .param("industry", "government")
                .param("employees", "251-1000")
                .param("modules", Long.toString(module))
                .param("firstName", "Ria")
                .param("lastName", "Registrant")
                .param("email", email)
                .param("jobTitle", "Functioneel beheerder")
                .param("password", "een lange zin als wachtwoord")
                .param("acceptTerms", Boolean.toString(acceptTerms))
                .param("acceptPrivacy", "true");
    }

    @Test
    void registrationStoresAcceptanceOfTermsAndPrivacy_C10() throws Exception {
        String email = Fixtures.unique("registrant");
        MvcResult result = perform(registration(email).with(r -> {
            r.setRemoteAddr("192.0.2.44");
            return r;
        }));

        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/register/confirm");
        List<Map<String, Object>> rows = jdbc.sql(
                        """
                        select a.document, a.version, a.ip from document_acceptance a join app_user u on u.id = a.user_id
                        where u.email = ? order by a.document""")
                .param(email)
                .query()
                .listOfRows();
        assertThat(rows).extracting(r -> r.get("document")).containsExactly("PRIVACY", "TERMS");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("ip")).isEqualTo("192.0.2.44");
            assertThat((String) r.get("version")).isNotBlank();
        });
    }

    @Test
    void registrationWithoutAcceptingTheTermsIsRefusedAndNothingIsSaved_C10() throws Exception {
        String email = Fixtures.unique("registrant");
        MvcResult result = perform(registration(email, false));

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentAsString())
                .contains("U moet akkoord gaan met de gebruikersvoorwaarden");
        assertThat(jdbc.sql("select count(*) from app_user where email = ?")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void registrationConfirmedWithTheMailedCodeWaitsForStaff_C3() throws Exception {
        String email = Fixtures.unique("registrant");
        // Sessions live in the database (Spring Session): carry the session cookie like a browser.
        Cookie session = perform(registration(email)).getResponse().getCookie("CLANQ_SESSION");
        String code = TestMail.awaitMailTo(email).text().replaceAll("(?s).*?\\b(\\d{6})\\b.*", "$1");

        MvcResult wrong =
                perform(post("/register/confirm").cookie(session).with(csrf()).param("code", "000000"));
        assertThat(wrong.getResponse().getContentAsString()).contains("Deze code klopt niet");

        MvcResult right =
                perform(post("/register/confirm").cookie(session).with(csrf()).param("code", code));
        assertThat(right.getResponse().getRedirectedUrl()).isEqualTo("/register/done");
        assertThat(jdbc.sql(
                                "select m.status from membership m join app_user u on u.id = m.applied_by where u.email = ?")
                        .param(email)
                        .query(String.class)
                        .single())
                .isEqualTo("PENDING");
    }

    @Test
    void registrationAnswersTheSameForAKnownAddress_G4() throws Exception {
        String known = Fixtures.unique("known");
        fixtures.person(known);
        String unknown = Fixtures.unique("unknown");

        MvcResult forKnown = perform(registration(known));
        MvcResult forUnknown = perform(registration(unknown));

        assertThat(forKnown.getResponse().getStatus())
                .isEqualTo(forUnknown.getResponse().getStatus());
        assertThat(forKnown.getResponse().getRedirectedUrl())
                .isEqualTo(forUnknown.getResponse().getRedirectedUrl());
        // The known address gets a mail about its existing account instead of a code.
        assertThat(TestMail.awaitMailTo(known).subject()).contains("Aanmelding bij Clanq");
        assertThat(jdbc.sql(
                                "select count(*) from organisation where owner_user_id = (select id from app_user where email = ?)")
                        .param(known)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void loginAnswersTheSameForAnUnknownAccountAndAWrongPassword_G4() throws Exception {
        String known = Fixtures.unique("known");
        fixtures.person(known);

        MvcResult wrongPassword =
                perform(post("/login").with(csrf()).param("email", known).param("password", "nope nope nope"));
        MvcResult unknown = perform(post("/login")
                .with(csrf())
                .param("email", Fixtures.unique("nobody"))
                .param("password", "nope nope nope"));

        assertThat(wrongPassword.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(unknown.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
    }

    @Test
    void passwordResetAnswersTheSameForKnownAndUnknownAddresses_G4() throws Exception {
        String known = Fixtures.unique("known");
        fixtures.person(known);

        String forKnown = perform(post("/password/forgot").with(csrf()).param("email", known))
                .getResponse()
                .getContentAsString();
        String forUnknown = perform(post("/password/forgot").with(csrf()).param("email", Fixtures.unique("nobody")))
                .getResponse()
                .getContentAsString();

        assertThat(stripTokens(forKnown)).isEqualTo(stripTokens(forUnknown).replace("nobody", "known"));
        assertThat(TestMail.awaitMailTo(known).text()).contains("/password/reset/");
    }

    private static String stripTokens(String html) {
        return html.replaceAll("content=\"[^\"]{40,}\"", "")
                .replaceAll("value=\"[^\"]{40,}\"", "")
                .replaceAll("(known|nobody)-\\d+-\\d+", "$1");
    }

    @Test
    void nothingAboutMembersIsVisibleWithoutLoggingIn_G4() throws Exception {
        for (String url : List.of("/start", "/organisation", "/profile", "/organisation/audit")) {
            assertThat(perform(get(url)).getResponse().getRedirectedUrl()).endsWith("/login");
        }
        for (String url : List.of("/staff", "/staff/organisations", "/staff/registrations", "/staff/audit")) {
            assertThat(perform(get(url)).getResponse().getStatus()).as(url).isEqualTo(404);
        }
    }

    @Test
    void refusesFourthSeat_C4() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        fixtures.member(org);
        var owner = fixtures.principal(org.ownerId());

        MvcResult third = perform(post("/organisation/invitations")
                .with(user(owner))
                .with(csrf())
                .param("email", Fixtures.unique("third"))
                .param("membershipId", Long.toString(org.membershipId())));
        assertThat(third.getResponse().getRedirectedUrl()).isEqualTo("/organisation");

        MvcResult fourth = perform(post("/organisation/invitations")
                .with(user(owner))
                .with(csrf())
                .param("email", Fixtures.unique("fourth"))
                .param("membershipId", Long.toString(org.membershipId())));
        assertThat(fourth.getResponse().getContentAsString())
                .contains("maximaal 3 plaatsen")
                .contains("leden plus openstaande uitnodigingen");
        assertThat(jdbc.sql("select count(*) from invitation where membership_id = ?")
                        .param(org.membershipId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void revokingAnInvitationFreesTheSeat_C4() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        fixtures.member(org);
        var owner = fixtures.principal(org.ownerId());
        perform(post("/organisation/invitations")
                .with(user(owner))
                .with(csrf())
                .param("email", Fixtures.unique("third"))
                .param("membershipId", Long.toString(org.membershipId())));
        long invitation = jdbc.sql("select id from invitation where membership_id = ?")
                .param(org.membershipId())
                .query(Long.class)
                .single();

        perform(post("/organisation/invitations/" + invitation + "/revoke")
                .with(user(owner))
                .with(csrf()));
        MvcResult again = perform(post("/organisation/invitations")
                .with(user(owner))
                .with(csrf())
                .param("email", Fixtures.unique("again"))
                .param("membershipId", Long.toString(org.membershipId())));

        assertThat(again.getResponse().getRedirectedUrl()).isEqualTo("/organisation");
    }

    @Test
    void ownerCannotBeRemovedAndTransferKeepsExactlyOneOwner_G1() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        var owner = fixtures.principal(org.ownerId());

        MvcResult removeSelf = perform(post("/organisation/people/" + org.ownerId() + "/remove")
                .with(user(owner))
                .with(csrf()));
        assertThat(removeSelf.getResponse().getContentAsString()).contains("Draag het beheer eerst over");

        MvcResult transfer = perform(post("/organisation/transfer")
                .with(user(owner))
                .with(csrf())
                .param("newOwner", Long.toString(member))
                .param("password", Fixtures.PASSWORD));
        assertThat(transfer.getResponse().getRedirectedUrl()).isEqualTo("/start");
        assertThat(jdbc.sql("select owner_user_id from organisation where id = ?")
                        .param(org.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(member);
        // The old owner is an ordinary member now: the owner pages are gone for them.
        assertThat(perform(get("/organisation").with(user(owner))).getResponse().getStatus())
                .isEqualTo(404);
        // The database itself holds exactly one owner per organisation.
        assertThatThrownBy(() -> jdbc.sql("update organisation set owner_user_id = null where id = ?")
                        .param(org.id())
                        .update())
                .hasMessageContaining("owner_user_id");
    }

    @Test
    void transferNeedsTheOwnersPassword_G1() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        MvcResult transfer = perform(post("/organisation/transfer")
                .with(user(fixtures.principal(org.ownerId())))
                .with(csrf())
                .param("newOwner", Long.toString(member))
                .param("password", "wrong password here"));
        assertThat(transfer.getResponse().getContentAsString()).contains("Het huidige wachtwoord klopt niet");
        assertThat(jdbc.sql("select owner_user_id from organisation where id = ?")
                        .param(org.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(org.ownerId());
    }

    @Test
    void everyOwnerOnlyActionAnswers404ToAMember_G2() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        var asMember = fixtures.principal(member);
        String m = Long.toString(org.membershipId());
        List<MockHttpServletRequestBuilder> ownerOnly = List.of(
                get("/organisation"),
                get("/organisation/details"),
                get("/organisation/transfer"),
                get("/organisation/communities"),
                get("/organisation/audit"),
                get("/organisation/memberships/" + m + "/licences"),
                post("/organisation/invitations")
                        .param("email", Fixtures.unique("x"))
                        .param("membershipId", m),
                post("/organisation/invitations/1/revoke"),
                post("/organisation/people/" + org.ownerId() + "/remove"),
                post("/organisation/memberships/" + m + "/seats/" + member).param("assigned", "false"),
                post("/organisation/details").param("name", "Gekaapt"),
                post("/organisation/memberships/" + m + "/licences").param("modules", "1"),
                post("/organisation/transfer")
                        .param("newOwner", Long.toString(member))
                        .param("password", Fixtures.PASSWORD),
                post("/organisation/communities").param("vendor", "1").param("modules", "1"));
        for (MockHttpServletRequestBuilder request : ownerOnly) {
            MvcResult result = perform(request.with(user(asMember)).with(csrf()));
            assertThat(result.getResponse().getStatus())
                    .as(result.getRequest().getMethod() + " "
                            + result.getRequest().getRequestURI())
                    .isEqualTo(404);
        }
        assertThat(jdbc.sql("select owner_user_id from organisation where id = ?")
                        .param(org.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(org.ownerId());
        assertThat(jdbc.sql("select name from organisation where id = ?")
                        .param(org.id())
                        .query(String.class)
                        .single())
                .isEqualTo("Testorganisatie");
    }

    @Test
    void ownerOfAnotherOrganisationCannotTouchThisOne_G2() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        Fixtures.Org other = fixtures.organisation();
        var otherOwner = fixtures.principal(other.ownerId());

        assertThat(perform(post("/organisation/people/" + member + "/remove")
                                .with(user(otherOwner))
                                .with(csrf()))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(perform(get("/organisation/memberships/" + org.membershipId() + "/licences")
                                .with(user(otherOwner)))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void staffHaveNoOwnerPowersAndChangeOwnersOnlyThroughSuccession_G3() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        var staff = fixtures.staff();

        assertThat(perform(get("/organisation").with(user(staff))).getResponse().getStatus())
                .isEqualTo(404);
        assertThat(perform(post("/organisation/transfer")
                                .with(user(staff))
                                .with(csrf())
                                .param("newOwner", Long.toString(member)))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);

        MvcResult noEvidence = perform(post("/staff/organisations/" + org.id() + "/succession")
                .with(user(staff))
                .with(csrf())
                .param("reason", "DEATH")
                .param("evidence", "kort")
                .param("newOwner", Long.toString(member)));
        assertThat(noEvidence.getResponse().getContentAsString()).contains("Beschrijf het bewijs");
        assertThat(ownerOf(org)).isEqualTo(org.ownerId());

        MvcResult recorded = perform(post("/staff/organisations/" + org.id() + "/succession")
                .with(user(staff))
                .with(csrf())
                .param("reason", "DEATH")
                .param("evidence", "Akte van overlijden d.d. 2 november 2026 gezien, nr. 2026-1187")
                .param("newOwner", Long.toString(member)));
        assertThat(recorded.getResponse().getRedirectedUrl()).isEqualTo("/staff/organisations/" + org.id());
        assertThat(ownerOf(org)).isEqualTo(member);
        assertThat(jdbc.sql("select evidence from succession_record where organisation_id = ?")
                        .param(org.id())
                        .query(String.class)
                        .single())
                .contains("Akte van overlijden");
        assertThat(auditActions(org)).contains("organisation.succession.recorded");
    }

    @Test
    void governanceActsAreAudited_S8() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        var owner = fixtures.principal(org.ownerId());

        perform(post("/organisation/invitations")
                .with(user(owner))
                .with(csrf())
                .param("email", Fixtures.unique("invitee"))
                .param("membershipId", Long.toString(org.membershipId())));
        perform(post("/organisation/details")
                .with(user(owner))
                .with(csrf())
                .param("name", "Nieuwe naam")
                .param("kvkNumber", "12345678")
                .param("city", "Utrecht")
                .param("industry", "government")
                .param("employees", "51-250"));
        perform(post("/organisation/people/" + member + "/remove")
                .with(user(owner))
                .with(csrf()));

        assertThat(auditActions(org))
                .contains(
                        "organisation.invitation.sent", "organisation.details.updated", "organisation.member.removed");
        assertThat(jdbc.sql(
                                "select actor_user_id from audit_log where organisation_id = ? and action = 'organisation.member.removed'")
                        .param(org.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(org.ownerId());
        // The owner reads them on their own log page.
        assertThat(perform(get("/organisation/audit").with(user(owner)))
                        .getResponse()
                        .getContentAsString())
                .contains("organisation.member.removed");
    }

    @Test
    void removedMemberLosesTheSeatAndCannotSignIn_C4() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        String email = jdbc.sql("select email from app_user where id = ?")
                .param(member)
                .query(String.class)
                .single();

        perform(post("/organisation/people/" + member + "/remove")
                .with(user(fixtures.principal(org.ownerId())))
                .with(csrf()));

        assertThat(jdbc.sql("select count(*) from membership_seat where user_id = ?")
                        .param(member)
                        .query(Integer.class)
                        .single())
                .isZero();
        MvcResult login =
                perform(post("/login").with(csrf()).param("email", email).param("password", Fixtures.PASSWORD));
        assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
    }

    @Test
    void loginIsThrottledPerAccount_S11() throws Exception {
        String email = Fixtures.unique("target");
        fixtures.person(email);
        MvcResult last = null;
        for (int i = 0; i < 11; i++) {
            last = perform(post("/login").with(csrf()).param("email", email).param("password", "wrong wrong wrong"));
        }
        assertThat(last.getResponse().getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(last.getResponse().getHeader("Retry-After"))).isPositive();
        // The right password is refused too while the account is throttled.
        assertThat(perform(post("/login").with(csrf()).param("email", email).param("password", Fixtures.PASSWORD))
                        .getResponse()
                        .getStatus())
                .isEqualTo(429);
    }

    @Test
    void membersOfAPendingOrganisationSeeOnlyTheReviewPage_C3() throws Exception {
        String email = Fixtures.unique("pending");
        perform(registration(email));
        long userId = jdbc.sql("select id from app_user where email = ?")
                .param(email)
                .query(Long.class)
                .single();
        var pending = fixtures.principal(userId);

        MvcResult start = perform(get("/start").with(user(pending)));
        assertThat(start.getResponse().getRedirectedUrl()).endsWith("/pending");
        assertThat(perform(get("/pending").with(user(pending))).getResponse().getContentAsString())
                .contains("wordt beoordeeld door Clanqbeheer");
    }

    private long ownerOf(Fixtures.Org org) {
        return jdbc.sql("select owner_user_id from organisation where id = ?")
                .param(org.id())
                .query(Long.class)
                .single();
    }

    private List<String> auditActions(Fixtures.Org org) {
        return jdbc.sql("select action from audit_log where organisation_id = ? order by id")
                .param(org.id())
                .query(String.class)
                .list();
    }
}
