package nl.clanq.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import nl.clanq.organisations.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Member A finds member B in the directory and sends a message; B, in a second browser, sees the
 * unread badge change without reloading within 2 seconds and replies; A sees the reply arrive live
 * within 2 seconds. (The pages fall back to polling only every 30 seconds, so this proves the
 * server-sent events and the LISTEN/NOTIFY fan-out behind them.) And a member
 * without a licence goes from the locked forum to a conversation prefilled with the module's name.
 */
class MessagingBrowserTests extends BrowserTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    private String email(long userId) {
        return jdbc.sql("select email from app_user where id = ?")
                .param(userId)
                .query(String.class)
                .single();
    }

    @Test
    void aMessageAndItsReplyArriveLive_C8_C9() {
        long a = fixtures.member(fixtures.organisation());
        long b = fixtures.member(fixtures.organisation());
        String bName = "Bea Berichten " + System.nanoTime();
        jdbc.sql("update app_user set first_name = ?, last_name = 'B' where id = ?")
                .params(bName, b)
                .update();

        BrowserContext bContext = newContext();
        Page bPage = bContext.newPage();
        MembersBrowserTests.login(bPage, email(b), Fixtures.PASSWORD);
        assertThat(bPage.locator(".unread-badge")).hasCount(0);

        MembersBrowserTests.login(page, email(a), Fixtures.PASSWORD);
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Leden").setExact(true))
                .click();
        page.getByLabel("Zoeken", new Page.GetByLabelOptions().setExact(true)).fill(bName);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Zoeken"))
                .click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(bName + " B"))
                .click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Stuur een bericht"))
                .click();
        page.getByLabel("Onderwerp").fill("Koppeling met het pensioenfonds");
        page.getByLabel("Bericht", new Page.GetByLabelOptions().setExact(true))
                .fill("Hoe leveren jullie het UPA-bestand aan?");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Versturen"))
                .click();
        assertThat(MembersBrowserTests.heading(page)).hasText("Koppeling met het pensioenfonds");

        // B sees the badge change without reloading, then opens and replies.
        assertThat(bPage.locator(".unread-badge"))
                .hasText("1", new LocatorAssertions.HasTextOptions().setTimeout(2000));
        bPage.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Berichten 1").setExact(true))
                .click();
        bPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Koppeling met het pensioenfonds"))
                .click();
        bPage.getByLabel("Uw antwoord").fill("Via SFTP, elke maand na de salarisrun.");
        bPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Versturen"))
                .click();
        bContext.close();

        // A sees the reply appear in the open conversation.
        Locator messages = page.locator("#messages");
        assertThat(messages)
                .containsText(
                        "Via SFTP, elke maand na de salarisrun.",
                        new LocatorAssertions.ContainsTextOptions().setTimeout(2000));
    }

    @Test
    void membersFindContactClanqbeheerInTheHelpMenu_C17() {
        MembersBrowserTests.login(page, "lotte@zuidwaarde.example.nl", MembersBrowserTests.DEMO_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Help"))
                .click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Contact met Clanqbeheer"))
                .first()
                .click();
        assertThat(page.getByLabel("Clanqbeheer (het team van Clanq)")).isChecked();
    }

    @Test
    void fromTheLockedForumToAPrefilledConversation_C6() {
        MembersBrowserTests.login(page, "anouk@veldman.example.nl", MembersBrowserTests.DEMO_PASSWORD);
        page.navigate("/forums");
        page.locator("a.forum-entry", new Page.LocatorOptions().setHasText("Rapportage"))
                .click();
        page.locator(".colleagues li")
                .filter(new Locator.FilterOptions().setHasText("Daan de Boer"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Stuur een bericht Daan de Boer"))
                .click();
        assertThat(page.getByLabel("Onderwerp")).hasValue("Rapportage");
        assertThat(page.getByLabel("Daan de Boer")).isChecked();
    }
}
