package nl.clanq.legal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import nl.clanq.IntegrationTest;
import nl.clanq.organisations.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class LegalIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Acceptances acceptances;

    String published;

    @AfterEach
    void withdraw() {
        // Other tests share the database: a version in force would send everyone to the acceptance page.
        if (published != null) {
            tx.executeWithoutResult(
                    s -> jdbc.sql("update legal_version set effective_at = '2999-01-01' where version = ?")
                            .param(published)
                            .update());
            acceptances.published();
        }
    }

    @Test
    void thePrivacyStatementAndItsHistoryArePublic_C11() throws Exception {
        String page = mvc.perform(get("/privacy")).andReturn().getResponse().getContentAsString();
        assertThat(page)
                .contains("Privacyverklaring")
                .contains("Welke gegevens wij verwerken")
                .contains("Alle versies");
        assertThat(mvc.perform(get("/terms")).andReturn().getResponse().getContentAsString())
                .contains("op geen enkele wijze verantwoordelijk") // C15 in the terms
                .contains("2026-05-pilot"); // the demo's earlier version is in the public history
        long pilot = jdbc.sql("select id from legal_version where version = '2026-05-pilot'")
                .query(Long.class)
                .single();
        assertThat(mvc.perform(get("/terms/versions/" + pilot))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Deze voorwaarden gelden voor de pilot.");
    }

    @Test
    void aNewVersionIsMailedAndMustBeAcceptedBeforeAnythingElse_B7() throws Exception {
        long member = fixtures.member(fixtures.organisation());
        String email = jdbc.sql("select email from app_user where id = ?")
                .param(member)
                .query(String.class)
                .single();
        published = "test-" + System.nanoTime();

        MvcResult publish = mvc.perform(post("/staff/legal")
                        .with(user(fixtures.staff()))
                        .with(csrf())
                        .param("document", "TERMS")
                        .param("version", published)
                        .param("summary", "Artikel over moderatie toegevoegd.")
                        .param("body", "## Moderatie\\nClanqbeheer modereert.")
                        .param("effective", LocalDate.now().minusDays(1).toString()))
                .andReturn();
        assertThat(publish.getResponse().getRedirectedUrl()).isEqualTo("/staff/legal");
        // Every user of the suite gets this mail; the outbox holds the member's (delivery through
        // SMTP is proven by the mail tests, and would wait here for thousands of test users).
        assertThat(jdbc.sql(
                                "select body_text from mail_outbox where recipient = ? and subject like '%Gebruikersvoorwaarden%'")
                        .param(email)
                        .query(String.class)
                        .list())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("Artikel over moderatie toegevoegd.");

        var asMember = user(fixtures.principal(member));
        for (String page : new String[] {"/start", "/forums", "/messages", "/profile"}) {
            assertThat(mvc.perform(get(page).with(asMember))
                            .andReturn()
                            .getResponse()
                            .getRedirectedUrl())
                    .as(page)
                    .isEqualTo("/legal/accept");
        }
        assertThat(mvc.perform(get("/terms").with(asMember))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(get("/legal/accept").with(asMember))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Artikel over moderatie toegevoegd.");

        mvc.perform(post("/legal/accept").with(asMember).with(csrf()).param("accept", "true"));

        assertThat(mvc.perform(get("/start").with(asMember))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from document_acceptance where user_id = ? and version = ?")
                        .params(member, published)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'legal.version.published' and details->>'version' = ?")
                        .param(published)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    /**
     * A signed-in session remembers which versions it found accepted, so the database is not asked on
     * every click; a version that comes into force still stops the very next click.
     */
    @Test
    void aVersionPublishedDuringASessionMustBeAcceptedAtItsNextClick_B7() throws Exception {
        long member = fixtures.member(fixtures.organisation());
        String email = jdbc.sql("select email from app_user where id = ?")
                .param(member)
                .query(String.class)
                .single();
        MvcResult login = mvc.perform(
                        post("/login").with(csrf()).param("email", email).param("password", Fixtures.PASSWORD))
                .andReturn();
        assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/start");
        jakarta.servlet.http.Cookie session = login.getResponse().getCookie("CLANQ_SESSION");
        for (String page : new String[] {"/start", "/forums"}) {
            assertThat(mvc.perform(get(page).cookie(session))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .as(page)
                    .isEqualTo(200);
        }
        published = "sessie-" + System.nanoTime();

        mvc.perform(post("/staff/legal")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("document", "PRIVACY")
                .param("version", published)
                .param("summary", "Bewaartermijnen aangepast (" + published + ").")
                .param("body", "## Bewaartermijnen\nKorter.")
                .param("effective", LocalDate.now().minusDays(1).toString()));
        // The announcement goes to every user of the suite: not under test here, and thousands of
        // mails would hold up the mails that later tests wait for.
        tx.executeWithoutResult(
                s -> jdbc.sql("delete from mail_outbox where kind = 'legal.new-version' and status = 'PENDING'"
                                + " and body_text like ?")
                        .param("%" + published + "%")
                        .update());

        assertThat(mvc.perform(get("/forums").cookie(session))
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/legal/accept");
        mvc.perform(post("/legal/accept").cookie(session).with(csrf()).param("accept", "true"));
        assertThat(mvc.perform(get("/forums").cookie(session))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void anAnnouncedVersionDoesNotApplyBeforeItsDate_B7() throws Exception {
        long member = fixtures.member(fixtures.organisation());
        published = "later-" + System.nanoTime();
        mvc.perform(post("/staff/legal")
                .with(user(fixtures.staff()))
                .with(csrf())
                .param("document", "PRIVACY")
                .param("version", published)
                .param("summary", "Bewaartermijnen aangepast.")
                .param("body", "Nieuwe tekst")
                .param("effective", LocalDate.now().plusDays(30).toString()));

        assertThat(mvc.perform(get("/start").with(user(fixtures.principal(member))))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void moderatorsCannotPublishTerms_C10() throws Exception {
        var moderator = fixtures.principalByEmail("moderator@clanq.nl");
        assertThat(mvc.perform(get("/staff/legal").with(user(moderator)))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }
}
