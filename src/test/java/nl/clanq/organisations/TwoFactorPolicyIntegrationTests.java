package nl.clanq.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import nl.clanq.IntegrationTest;
import nl.clanq.accounts.TwoFactor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class TwoFactorPolicyIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TwoFactor twoFactor;

    @Autowired
    TransactionTemplate tx;

    private void turnOnFor(long userId) {
        // Stand-in for the enrolment (tested on its own): a confirmed secret is what "on" means.
        tx.executeWithoutResult(s -> jdbc.sql(
                        "insert into user_two_factor (user_id, secret_encrypted, confirmed_at) values (?, 'x', now())")
                .param(userId)
                .update());
    }

    @Test
    void theOwnerCannotRequireWhatTheyHaveNotSetUpThemselves_S3() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        MvcResult refused = mvc.perform(post("/organisation/security")
                        .with(user(fixtures.principal(org.ownerId())))
                        .with(csrf())
                        .param("requireTwoFactor", "true")
                        .param("idleMinutes", "60"))
                .andReturn();
        assertThat(refused.getResponse().getContentAsString()).contains("Zet eerst voor uzelf verificatie");
    }

    @Test
    void membersWithoutTwoStepVerificationCanDoNothingElseUntilTheySetItUp_S3() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        turnOnFor(org.ownerId());
        mvc.perform(post("/organisation/security")
                .with(user(fixtures.principal(org.ownerId())))
                .with(csrf())
                .param("requireTwoFactor", "true")
                .param("idleMinutes", "60"));

        var asMember = user(fixtures.principal(member));
        for (String page : new String[] {"/start", "/profile", "/account/security", "/organisation"}) {
            assertThat(mvc.perform(get(page).with(asMember))
                            .andReturn()
                            .getResponse()
                            .getRedirectedUrl())
                    .as(page)
                    .isEqualTo("/account/two-factor?required");
        }
        assertThat(mvc.perform(get("/account/two-factor").with(asMember))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Uw organisatie verplicht verificatie in twee stappen");

        turnOnFor(member);
        assertThat(mvc.perform(get("/start").with(asMember))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        // The owner sees who has it on.
        assertThat(mvc.perform(get("/organisation/security").with(user(fixtures.principal(org.ownerId()))))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Verificatie in twee stappen per lid");
        assertThat(twoFactor.isOn(java.util.List.of(member, org.ownerId())))
                .containsEntry(member, true)
                .containsEntry(org.ownerId(), true);
    }

    @Test
    void personalPagesAreNeverCached_S1() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        MvcResult page = mvc.perform(get("/profile").with(user(fixtures.principal(org.ownerId()))))
                .andReturn();
        assertThat(page.getResponse().getHeader("Cache-Control")).contains("no-store");
    }
}
