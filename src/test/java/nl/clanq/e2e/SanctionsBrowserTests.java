package nl.clanq.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import java.util.List;
import nl.clanq.organisations.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * C10: an administrator blocks an organisation on its staff page; a member of it, signed in at
 * another computer, lands on the blocked notice with the reason at their next click.
 */
class SanctionsBrowserTests extends BrowserTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Test
    void aBlockedOrganisationsSignedInMemberSeesTheNoticeOnTheNextClick_C10() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        String email = jdbc.sql("select email from app_user where id = ?")
                .param(member)
                .query(String.class)
                .single();
        String reason = "Accounts gedeeld met een extern adviesbureau " + System.nanoTime();

        BrowserContext memberContext = newContext();
        Page memberPage = memberContext.newPage();
        MembersBrowserTests.login(memberPage, email, Fixtures.PASSWORD);
        assertThat(memberPage.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Fora").setExact(true)))
                .isVisible();

        signInAsAdministrator();
        page.navigate("/staff/organisations/" + org.id());
        Locator panel = page.locator(".organisation-block");
        assertThat(panel).containsText("De organisatie is niet geblokkeerd.");
        panel.getByLabel("Reden", new Locator.GetByLabelOptions().setExact(true))
                .fill(reason);
        panel.getByLabel("Voor onbepaalde tijd").check();
        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Organisatie blokkeren"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("De organisatie is geblokkeerd.");
        assertThat(page.locator(".organisation-block")).containsText(reason);

        memberPage
                .getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Fora").setExact(true))
                .click();
        assertThat(MembersBrowserTests.heading(memberPage)).hasText("Uw account is geblokkeerd");
        assertThat(memberPage.locator(".block-reason")).hasText(reason);
        assertThat(memberPage.locator(".block-until")).hasText("voor onbepaalde tijd");
        memberContext.close();
    }

    /**
     * The administrator's browser gets a session made through the login form from an address of
     * its own: every browser shares 127.0.0.1, whose login limit (S11) the browser tests share.
     */
    private void signInAsAdministrator() throws Exception {
        MvcResult login = mvc.perform(post("/login")
                        .with(csrf())
                        .with(request -> {
                            request.setRemoteAddr("198.19.0.1");
                            return request;
                        })
                        .param("email", "beheer@clanq.nl")
                        .param("password", MembersBrowserTests.DEMO_PASSWORD))
                .andReturn();
        org.assertj.core.api.Assertions.assertThat(login.getResponse().getRedirectedUrl())
                .isEqualTo("/staff");
        context.addCookies(List.of(new Cookie(
                        "CLANQ_SESSION",
                        login.getResponse().getCookie("CLANQ_SESSION").getValue())
                .setDomain("127.0.0.1")
                .setPath("/")));
    }
}
