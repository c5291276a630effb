package nl.clanq.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import nl.clanq.IntegrationTest;
import nl.clanq.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@IntegrationTest
class SecurityPolicyIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    private static RequestPostProcessor from(String peer, String forwardedFor) {
        return request -> {
            request.setRemoteAddr(peer);
            if (forwardedFor != null) {
                request.addHeader("X-Forwarded-For", forwardedFor);
            }
            return request;
        };
    }

    /** Signs in through the login form and answers the session cookie, as a browser keeps it. */
    private Cookie login(String email, RequestPostProcessor from) throws Exception {
        MvcResult result = perform(
                post("/login").with(csrf()).with(from).param("email", email).param("password", Fixtures.PASSWORD));
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/start");
        return result.getResponse().getCookie("CLANQ_SESSION");
    }

    private String email(long userId) {
        return jdbc.sql("select email from app_user where id = ?")
                .param(userId)
                .query(String.class)
                .single();
    }

    private void allowOnly(Fixtures.Org org, String ranges, RequestPostProcessor ownerFrom) throws Exception {
        MvcResult saved = perform(post("/organisation/security")
                .with(user(fixtures.principal(org.ownerId())))
                .with(csrf())
                .with(ownerFrom)
                .param("ipAllowList", ranges)
                .param("idleMinutes", "30"));
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/organisation/security");
    }

    @Test
    void membersCannotSignInFromOutsideTheAllowList_S4() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        allowOnly(org, "192.0.2.0/24\n2001:db8::/32", from("192.0.2.10", null));

        MvcResult outside = perform(post("/login")
                .with(csrf())
                .with(from("203.0.113.50", null))
                .param("email", email(member))
                .param("password", Fixtures.PASSWORD));
        assertThat(outside.getResponse().getRedirectedUrl()).isEqualTo("/login/refused/network");
        assertThat(perform(get("/login/refused/network")).getResponse().getContentAsString())
                .contains("Inloggen vanaf dit netwerk is niet toegestaan");

        login(email(member), from("192.0.2.77", null));
        login(email(member), from("2001:db8::5", null));
    }

    @Test
    void aSpoofedForwardedHeaderDoesNotGetPastTheAllowList_S4() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        allowOnly(org, "192.0.2.0/24", from("192.0.2.10", null));

        MvcResult spoofed = perform(post("/login")
                .with(csrf())
                .with(from("203.0.113.50", "192.0.2.77"))
                .param("email", email(member))
                .param("password", Fixtures.PASSWORD));
        assertThat(spoofed.getResponse().getRedirectedUrl()).isEqualTo("/login/refused/network");

        // Through the trusted proxy (198.51.100.0/24 in tests) the forwarded address counts.
        login(email(member), from("198.51.100.1", "192.0.2.77"));
    }

    @Test
    void anOpenSessionEndsWhenTheNetworkIsNoLongerAllowed_S4() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        Cookie session = login(email(member), from("203.0.113.50", null));
        assertThat(perform(get("/start").cookie(session).with(from("203.0.113.50", null)))
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);

        allowOnly(org, "192.0.2.0/24", from("192.0.2.10", null));

        MvcResult next = perform(get("/start").cookie(session).with(from("203.0.113.50", null)));
        assertThat(next.getResponse().getRedirectedUrl()).isEqualTo("/login/refused/network");
    }

    @Test
    void theOwnerIsWarnedBeforeExcludingTheirOwnAddress_S4() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        MvcResult warned = perform(post("/organisation/security")
                .with(user(fixtures.principal(org.ownerId())))
                .with(csrf())
                .with(from("203.0.113.50", null))
                .param("ipAllowList", "192.0.2.0/24")
                .param("idleMinutes", "60"));
        assertThat(warned.getResponse().getContentAsString()).contains("uw eigen huidige adres (203.0.113.50)");
        assertThat(jdbc.sql("select count(*) from organisation_security where organisation_id = ?")
                        .param(org.id())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void invalidRangesAndIdleMinutesAreRefusedWithAMessage_S4_S5() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        String page = perform(post("/organisation/security")
                        .with(user(fixtures.principal(org.ownerId())))
                        .with(csrf())
                        .param("ipAllowList", "192.0.2.300/24")
                        .param("idleMinutes", "3"))
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Dit is geen geldig IP-adres of bereik: 192.0.2.300/24");
        assertThat(page).contains("Kies een waarde tussen 5 en 480 minuten");
    }

    @Test
    void theIdleLimitOfTheOrganisationAppliesToItsSessions_S5() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        allowOnly(org, "", from("192.0.2.10", null));
        Cookie session = login(email(member), from("192.0.2.10", null));

        int seconds = jdbc.sql(
                        "select max_inactive_interval from spring_session where principal_name = ? order by creation_time desc limit 1")
                .param(Long.toString(member))
                .query(Integer.class)
                .single();
        assertThat(seconds).isEqualTo(30 * 60);
        assertThat(perform(get("/start").cookie(session)).getResponse().getContentAsString())
                .contains("data-idle-seconds=\"1800\"");
    }

    @Test
    void theIdleClockIsKeptToTheMinuteWithoutAWritePerClick_S5() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        Cookie session = login(email(member), from("192.0.2.10", null));
        String id = new String(java.util.Base64.getDecoder().decode(session.getValue()));

        // Last active 30 s ago: a click within the minute leaves the stored time as it is.
        long halfAMinuteAgo = System.currentTimeMillis() - 30_000;
        lastAccessOf(id, halfAMinuteAgo);
        assertThat(perform(get("/start").cookie(session)).getResponse().getStatus())
                .isEqualTo(200);
        assertThat(lastAccessOf(id)).isEqualTo(halfAMinuteAgo);

        // Last active two minutes ago: the click counts, and the idle limit runs from now.
        long before = System.currentTimeMillis();
        lastAccessOf(id, before - 120_000);
        assertThat(perform(get("/start").cookie(session)).getResponse().getStatus())
                .isEqualTo(200);
        assertThat(lastAccessOf(id)).isGreaterThanOrEqualTo(before);
        assertThat(jdbc.sql("select expiry_time - last_access_time from spring_session where session_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(60 * 60 * 1000L);

        // Idle past the limit: the next click finds the session ended.
        lastAccessOf(id, before - 61 * 60 * 1000L);
        jdbc.sql("update spring_session set expiry_time = last_access_time + max_inactive_interval * 1000::bigint"
                        + " where session_id = ?")
                .param(id)
                .update();
        assertThat(perform(get("/start").cookie(session)).getResponse().getRedirectedUrl())
                .endsWith("/login");
    }

    private long lastAccessOf(String sessionId) {
        return jdbc.sql("select last_access_time from spring_session where session_id = ?")
                .param(sessionId)
                .query(Long.class)
                .single();
    }

    private void lastAccessOf(String sessionId, long millis) {
        jdbc.sql("update spring_session set last_access_time = ? where session_id = ?")
                .params(millis, sessionId)
                .update();
    }

    @Test
    void emergencyLockEndsEverySessionAndAlertsStaff_S10() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        Cookie memberSession = login(email(member), from("192.0.2.10", null));

        MvcResult wrong = perform(post("/organisation/security/lock")
                .with(user(fixtures.principal(org.ownerId())))
                .with(csrf())
                .param("lockPassword", "not the password"));
        assertThat(wrong.getResponse().getContentAsString()).contains("Het huidige wachtwoord klopt niet");

        MvcResult locked = perform(post("/organisation/security/lock")
                .with(user(fixtures.principal(org.ownerId())))
                .with(csrf())
                .param("lockPassword", Fixtures.PASSWORD));
        assertThat(locked.getResponse().getRedirectedUrl()).isEqualTo("/login/refused/locked");

        // The member's open page goes to the locked notice on the next click; signing in is refused.
        assertThat(perform(get("/start").cookie(memberSession)).getResponse().getRedirectedUrl())
                .isEqualTo("/login/refused/locked");
        assertThat(perform(get("/start").cookie(memberSession)).getResponse().getRedirectedUrl())
                .endsWith("/login");
        MvcResult again = perform(
                post("/login").with(csrf()).param("email", email(member)).param("password", Fixtures.PASSWORD));
        assertThat(again.getResponse().getRedirectedUrl()).isEqualTo("/login/refused/locked");
        assertThat(TestMail.awaitMail("beheer@clanq.nl", "Noodvergrendeling").text())
                .contains("Testorganisatie");
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where organisation_id = ? and action = 'organisation.locked'")
                        .param(org.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theOwnerWhoLocksReadsTheNoticeSignedOut_S10() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        Cookie ownerSession = login(email(org.ownerId()), from("192.0.2.10", null));

        MvcResult locked = perform(post("/organisation/security/lock")
                .cookie(ownerSession)
                .with(csrf())
                .param("lockPassword", Fixtures.PASSWORD));
        assertThat(locked.getResponse().getRedirectedUrl()).isEqualTo("/login/refused/locked");

        // The notice page is not rendered signed in: its header would otherwise ask for the badges
        // with the ended session, and the browser could be sent on to the login page instead.
        String notice = perform(get("/login/refused/locked").cookie(ownerSession))
                .getResponse()
                .getContentAsString();
        assertThat(notice).contains("Uw organisatie is vergrendeld").doesNotContain("notice-badge-slot");
        assertThat(perform(get("/notices/unread").cookie(ownerSession).header("HX-Request", "true"))
                        .getResponse()
                        .getHeader("HX-Redirect"))
                .isEqualTo("/login");
    }

    @Test
    void onlyStaffLiftALockAfterRecordingTheVerification_S10() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        perform(post("/organisation/security/lock")
                .with(user(fixtures.principal(org.ownerId())))
                .with(csrf())
                .param("lockPassword", Fixtures.PASSWORD));

        // The owner cannot undo it: their session is gone and their pages answer nothing.
        assertThat(perform(post("/staff/organisations/" + org.id() + "/unlock")
                                .with(user(fixtures.principal(org.ownerId())))
                                .with(csrf())
                                .param("verifiedPerson", "x")
                                .param("verification", "x".repeat(30)))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);

        MvcResult noVerification = perform(post("/staff/organisations/" + org.id() + "/unlock")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("verifiedPerson", "Eigenaar")
                .param("verification", "kort"));
        assertThat(noVerification.getResponse().getContentAsString()).contains("Beschrijf hoe u heeft geverifieerd");

        MvcResult lifted = perform(post("/staff/organisations/" + org.id() + "/unlock")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("verifiedPerson", "Test Persoon, beheerder")
                .param("verification", "Teruggebeld op het bekende nummer en identiteit gecontroleerd"));
        assertThat(lifted.getResponse().getRedirectedUrl()).isEqualTo("/staff/locks");
        login(email(member), from("192.0.2.10", null));
        assertThat(jdbc.sql(
                                "select details->>'verification' from audit_log where organisation_id = ? and action = 'organisation.unlocked'")
                        .param(org.id())
                        .query(String.class)
                        .single())
                .contains("Teruggebeld");
    }

    @Test
    void theOwnerEndsAllSessionsOfTheOrganisation_S5() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        Cookie memberSession = login(email(member), from("192.0.2.10", null));

        perform(post("/organisation/security/end-sessions")
                .with(user(fixtures.principal(org.ownerId())))
                .with(csrf()));

        assertThat(perform(get("/start").cookie(memberSession)).getResponse().getRedirectedUrl())
                .endsWith("/login");
    }

    @Test
    void aPersonSeesAndEndsTheirOwnSessionsOnly_S5() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        Cookie first = login(email(member), from("192.0.2.10", null));
        Cookie second = login(email(member), from("192.0.2.11", null));

        String page =
                perform(get("/account/sessions").cookie(second)).getResponse().getContentAsString();
        assertThat(page).contains("192.0.2.10").contains("192.0.2.11").contains("Deze sessie");

        String firstId = jdbc.sql(
                        "select session_id from spring_session where principal_name = ? order by creation_time limit 1")
                .param(Long.toString(member))
                .query(String.class)
                .single();
        // Another person cannot end it.
        long other = fixtures.member(fixtures.organisation());
        assertThat(perform(post("/account/sessions/end")
                                .with(user(fixtures.principal(other)))
                                .with(csrf())
                                .param("id", firstId))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);

        perform(post("/account/sessions/end").cookie(second).with(csrf()).param("id", firstId));
        assertThat(perform(get("/start").cookie(first)).getResponse().getRedirectedUrl())
                .endsWith("/login");
        assertThat(perform(get("/start").cookie(second)).getResponse().getStatus())
                .isEqualTo(200);
    }
}
