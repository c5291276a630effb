package nl.clanq.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.clanq.IntegrationTest;
import nl.clanq.TestMail;
import nl.clanq.accounts.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The owner's invitation links (C4), accepting the terms on the way in (C10), and removal (C4). */
@IntegrationTest
class InvitationIntegrationTests {

    private static final Pattern INVITE_LINK = Pattern.compile("/invite/([A-Za-z0-9_-]+)");
    private static final String INVALID = "Deze uitnodiging werkt niet meer";

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Organisations organisations;

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    /** A client address of its own, so this class does not use up the shared 127.0.0.1 budgets (S11). */
    private static RequestPostProcessor from(String ip) {
        return request -> {
            request.setRemoteAddr(ip);
            return request;
        };
    }

    private static String ownAddress() {
        return "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);
    }

    /** The owner invites {@code email}; answers the token of the link in the mail. */
    private String invite(Fixtures.Org org, String email) throws Exception {
        MvcResult sent = perform(post("/organisation/invitations")
                .with(user(fixtures.principal(org.ownerId())))
                .with(csrf())
                .param("email", email)
                .param("membershipId", Long.toString(org.membershipId())));
        assertThat(sent.getResponse().getRedirectedUrl()).isEqualTo("/organisation");
        Matcher link =
                INVITE_LINK.matcher(TestMail.awaitMail(email, "Uitnodiging").text());
        assertThat(link.find()).as("invitation link in the mail").isTrue();
        return link.group(1);
    }

    private MockHttpServletRequestBuilder accept(String token, boolean acceptTerms) {
        return post("/invite/" + token)
                .with(csrf())
                .param("firstName", "Ilse")
                .param("lastName", "Uitgenodigd")
                .param("jobTitle", "Applicatiebeheerder")
                .param("password", "mijn eigen lange wachtzin")
                .param("acceptTerms", Boolean.toString(acceptTerms))
                .param("acceptPrivacy", "true");
    }

    private int accountsWith(String email) {
        return jdbc.sql("select count(*) from app_user where email = ?")
                .param(email)
                .query(Integer.class)
                .single();
    }

    @Test
    void anInviteLinkWorksOnce_C4() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        String email = Fixtures.unique("invitee");
        String token = invite(org, email);

        MvcResult form = perform(get("/invite/" + token));
        assertThat(form.getResponse().getContentAsString())
                .contains("Uitnodiging voor Testorganisatie")
                .contains(email);
        MvcResult accepted = perform(accept(token, true));
        assertThat(accepted.getResponse().getRedirectedUrl()).isEqualTo("/login?welcome");

        MvcResult again = perform(get("/invite/" + token));
        assertThat(again.getResponse().getContentAsString()).contains(INVALID).doesNotContain("Account aanmaken");
        MvcResult acceptAgain = perform(accept(token, true));
        assertThat(acceptAgain.getResponse().getContentAsString()).contains(INVALID);
        assertThat(accountsWith(email)).isEqualTo(1);
    }

    @Test
    void aRevokedInviteLinkNoLongerWorks_C4() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        String email = Fixtures.unique("revoked");
        String token = invite(org, email);
        long invitation = jdbc.sql("select id from invitation where token_hash = ?")
                .param(Tokens.hash(token))
                .query(Long.class)
                .single();

        perform(post("/organisation/invitations/" + invitation + "/revoke")
                .with(user(fixtures.principal(org.ownerId())))
                .with(csrf()));

        assertThat(perform(get("/invite/" + token)).getResponse().getContentAsString())
                .contains(INVALID);
        assertThat(perform(accept(token, true)).getResponse().getContentAsString())
                .contains(INVALID);
        assertThat(accountsWith(email)).isZero();
    }

    @Test
    void anExpiredInviteLinkNoLongerWorks_C4() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        String email = Fixtures.unique("expired");
        String token = invite(org, email);

        jdbc.sql("update invitation set expires_at = now() - interval '1 minute' where token_hash = ?")
                .param(Tokens.hash(token))
                .update();

        assertThat(perform(get("/invite/" + token)).getResponse().getContentAsString())
                .contains(INVALID)
                .contains("De uitnodiging is verlopen, ingetrokken of al gebruikt.");
        assertThat(perform(accept(token, true)).getResponse().getContentAsString())
                .contains(INVALID);
        assertThat(accountsWith(email)).isZero();
        // An expired invitation no longer holds a seat either.
        assertThat(organisations.seatsTaken(org.membershipId())).isEqualTo(1);
    }

    @Test
    void acceptingRecordsTermsAndPrivacyAndGivesTheInviteeASeat_C4_C10() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        String email = Fixtures.unique("newcomer");
        String token = invite(org, email);

        MvcResult accepted = perform(accept(token, true).with(from("203.0.113.77")));

        assertThat(accepted.getResponse().getRedirectedUrl()).isEqualTo("/login?welcome");
        long userId = jdbc.sql("select id from app_user where email = ?")
                .param(email)
                .query(Long.class)
                .single();
        List<Map<String, Object>> acceptances = jdbc.sql(
                        "select document, version, ip from document_acceptance where user_id = ? order by document")
                .param(userId)
                .query()
                .listOfRows();
        assertThat(acceptances).extracting(r -> r.get("document")).containsExactly("PRIVACY", "TERMS");
        assertThat(acceptances).allSatisfy(r -> {
            assertThat(r.get("ip")).isEqualTo("203.0.113.77");
            assertThat((String) r.get("version")).isNotBlank();
        });
        assertThat(jdbc.sql("select count(*) from membership_seat where membership_id = ? and user_id = ?")
                        .params(org.membershipId(), userId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select status from organisation_member where organisation_id = ? and user_id = ?")
                        .params(org.id(), userId)
                        .query(String.class)
                        .single())
                .isEqualTo("ACTIVE");
        // The seat gives the organisation's licences, and the newcomer reaches the member pages.
        assertThat(organisations.licensing(userId).modules())
                .containsExactly(fixtures.modules().get(0).id());
        MvcResult start = perform(get("/start").with(user(fixtures.principal(userId))));
        assertThat(start.getResponse().getStatus()).isEqualTo(200);
        assertThat(start.getResponse().getContentAsString()).contains("Welkom, Ilse Uitgenodigd");
    }

    @Test
    void acceptingWithoutTickingTheTermsIsRefusedAndCreatesNoAccount_C10() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        String email = Fixtures.unique("noterms");
        String token = invite(org, email);

        MvcResult refused = perform(accept(token, false));

        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        assertThat(refused.getResponse().getContentAsString())
                .contains("U moet akkoord gaan met de gebruikersvoorwaarden.");
        assertThat(accountsWith(email)).isZero();
        // The link still works, so the invitee can try again.
        assertThat(perform(get("/invite/" + token)).getResponse().getContentAsString())
                .doesNotContain(INVALID)
                .contains("Account aanmaken");
    }

    @Test
    void removingAMemberEndsTheirSessionsAtOnce_C4() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        String email = jdbc.sql("select email from app_user where id = ?")
                .param(member)
                .query(String.class)
                .single();
        MvcResult login = perform(post("/login")
                .with(from(ownAddress()))
                .with(csrf())
                .param("email", email)
                .param("password", Fixtures.PASSWORD));
        assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/start");
        Cookie session = login.getResponse().getCookie("CLANQ_SESSION");
        assertThat(session).as("session cookie after login").isNotNull();
        assertThat(perform(get("/start").cookie(session)).getResponse().getStatus())
                .isEqualTo(200);

        perform(post("/organisation/people/" + member + "/remove")
                .with(user(fixtures.principal(org.ownerId())))
                .with(csrf()));

        MvcResult after = perform(get("/start").cookie(session));
        assertThat(after.getResponse().getRedirectedUrl()).endsWith("/login");
        assertThat(perform(get("/profile").cookie(session)).getResponse().getRedirectedUrl())
                .endsWith("/login");
    }
}
