package nl.clanq.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/**
 * A member asks in the payroll forum, a member of another organisation answers, the asker accepts
 * the answer and the forum lists the topic as solved. A member whose organisation has no payroll
 * licence sees the locked forum with the members who do have access, and gets 404 on the topic.
 */
class ForumsBrowserTests extends BrowserTest {

    static final String DEMO_PASSWORD = MembersBrowserTests.DEMO_PASSWORD;

    @Test
    void askAnswerAcceptAndTheLockedForumForOthers_C5_C6_C7() {
        String title = "Reservering vakantiegeld klopt niet na cao-wijziging " + System.nanoTime();

        // Eva (Gemeente Zuidwaarde) asks in Salarisadministratie, with a live preview of her Markdown.
        MembersBrowserTests.login(page, "eva@zuidwaarde.example.nl", DEMO_PASSWORD);
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Fora").setExact(true))
                .click();
        page.locator("a.forum-entry", new Page.LocatorOptions().setHasText("Salarisadministratie"))
                .click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Vraag stellen"))
                .click();
        page.getByLabel("Uw vraag in één zin").fill(title);
        page.getByLabel("Toelichting").fill("Na de **cao-wijziging** van oktober is de reservering te laag.");
        assertThat(page.locator("#preview strong")).hasText("cao-wijziging");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Vraag plaatsen"))
                .click();
        assertThat(MembersBrowserTests.heading(page)).hasText(title);
        String topicUrl = page.url().replaceFirst("^http://[^/]+", "");

        // Daan (Zorggroep De Linde) answers.
        BrowserContext daanContext = newContext();
        Page daan = daanContext.newPage();
        MembersBrowserTests.login(daan, "daan@delinde.example.nl", DEMO_PASSWORD);
        daan.navigate(topicUrl);
        daan.getByLabel("Uw reactie")
                .fill("Controleer de grondslag in de tabel **Reserveringen**: de cao-factor staat nog op 8%.");
        daan.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reactie plaatsen"))
                .click();
        assertThat(daan.locator("article.post").last()).containsText("de cao-factor staat nog op 8%");
        daanContext.close();

        // Eva accepts it; it shows under the question and the forum lists the topic as solved.
        page.reload();
        Locator answer = page.locator("article.post").filter(new Locator.FilterOptions().setHasText("cao-factor"));
        answer.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Als antwoord markeren"))
                .click();
        assertThat(page.locator(".accepted-answer")).containsText("Daan de Boer");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Salarisadministratie"))
                .first()
                .click();
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Opgelost").setExact(true))
                .click();
        Locator row = page.locator(".topic-row").filter(new Locator.FilterOptions().setHasText(title));
        assertThat(row.locator(".solved-badge")).isVisible();

        // Joost (Veldman Techniek, no payroll licence) sees the forum locked, with members who have access.
        BrowserContext joostContext = newContext();
        Page joost = joostContext.newPage();
        MembersBrowserTests.login(joost, "joost@veldman.example.nl", DEMO_PASSWORD);
        joost.navigate("/forums");
        joost.locator("a.forum-entry", new Page.LocatorOptions().setHasText("Salarisadministratie"))
                .click();
        assertThat(joost.getByRole(AriaRole.STATUS))
                .containsText("geen licentie heeft voor de module Salarisadministratie");
        assertThat(joost.locator(".colleagues")).containsText("Eva Jansen");
        assertThat(joost.locator(".colleagues")).containsText("Zorggroep De Linde");
        assertThat(joost.getByText(title)).hasCount(0);
        joost.navigate(topicUrl);
        assertThat(MembersBrowserTests.heading(joost)).hasText("Pagina niet gevonden");
        joostContext.close();
    }
}
