package nl.clanq.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import nl.clanq.TestMail;
import org.junit.jupiter.api.Test;

/**
 * A member flags a question that was asked in the wrong forum; a moderator moves it from the review
 * queue with a reason; the author hears why, sees the notice on the topic, and the old link still
 * opens the topic, now in the right forum. The reporter is told the report was handled.
 */
class ModerationBrowserTests extends BrowserTest {

    static final String DEMO_PASSWORD = MembersBrowserTests.DEMO_PASSWORD;

    @Test
    void aFlaggedTopicInTheWrongForumIsMovedFromTheQueue_C10_C13() {
        String title = "Verlofsaldo wordt verkeerd opgebouwd bij ouderschapsverlof " + System.nanoTime();

        // Eva asks a leave question in the payroll forum.
        MembersBrowserTests.login(page, "eva@zuidwaarde.example.nl", DEMO_PASSWORD);
        page.navigate("/forums");
        page.locator("a.forum-entry", new Page.LocatorOptions().setHasText("Salarisadministratie"))
                .click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Vraag stellen"))
                .click();
        page.getByLabel("Uw vraag in één zin").fill(title);
        page.getByLabel("Toelichting").fill("Bij ouderschapsverlof bouwt het saldo te snel op.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Vraag plaatsen"))
                .click();
        assertThat(MembersBrowserTests.heading(page)).hasText(title);
        String topicUrl = page.url().replaceFirst("^http://[^/]+", "");

        // Daan reports it: wrong forum.
        BrowserContext daanContext = newContext();
        Page daan = daanContext.newPage();
        MembersBrowserTests.login(daan, "daan@delinde.example.nl", DEMO_PASSWORD);
        daan.navigate(topicUrl);
        daan.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Onderwerp melden"))
                .click();
        daan.getByLabel("Verkeerd forum").check();
        daan.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Melden").setExact(true))
                .click();
        assertThat(daan.getByRole(AriaRole.STATUS)).containsText("Clanqbeheer bekijkt uw melding");
        daanContext.close();

        // The moderator moves it from the queue, with a reason.
        BrowserContext staffContext = newContext();
        Page staff = staffContext.newPage();
        MembersBrowserTests.login(staff, "moderator@clanq.nl", DEMO_PASSWORD);
        staff.navigate("/staff/moderation");
        staff.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(title))
                .click();
        assertThat(staff.locator(".reported-content")).containsText("saldo te snel op");
        assertThat(staff.locator("#reports-heading")).containsText("1");
        Locator move = staff.locator("#action-move");
        move.locator("summary").click();
        move.getByLabel("Naar forum")
                .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Verlof en verzuim"));
        move.getByLabel("Reden").fill("Gaat over verlof, niet over salaris");
        move.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Onderwerp verplaatsen"))
                .click();
        assertThat(staff.getByRole(AriaRole.STATUS)).containsText("De melding is afgehandeld.");
        staffContext.close();

        // Eva hears why; the old link opens the topic in its new forum, with the notice.
        assertThat(TestMail.awaitMail("eva@zuidwaarde.example.nl", "verplaatst").text())
                .contains("Gaat over verlof, niet over salaris");
        page.navigate(topicUrl);
        assertThat(MembersBrowserTests.heading(page)).hasText(title);
        assertThat(page.locator(".breadcrumb")).containsText("Verlof en verzuim");
        assertThat(page.locator("main")).containsText("Gaat over verlof, niet over salaris");

        // Daan is told his report was handled.
        assertThat(TestMail.awaitMail("daan@delinde.example.nl", "Uw melding is afgehandeld")
                        .text())
                .contains(title);
    }
}
