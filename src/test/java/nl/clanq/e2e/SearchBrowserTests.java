package nl.clanq.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A member types in the header's search box, sees topics and members in the dropdown, opens the
 * results page with highlighted matches, and narrows it to solved questions.
 */
class SearchBrowserTests extends BrowserTest {

    @Test
    void typeInTheHeaderSeeTheDropdownOpenTheResultsAndFilterBySolved_S9() {
        MembersBrowserTests.login(page, "eva@zuidwaarde.example.nl", MembersBrowserTests.DEMO_PASSWORD);

        Locator box = page.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Zoeken in Clanq"))
                .first();
        box.pressSequentially("ouderschapsverl", new Locator.PressSequentiallyOptions().setDelay(30));
        Locator dropdown = page.locator("#search-suggest");
        assertThat(dropdown.locator(".suggest-topic").first())
                .containsText(Pattern.compile("ouderschapsverlof", Pattern.CASE_INSENSITIVE));
        assertThat(dropdown).containsText("Alle resultaten");

        box.fill("ouderschapsverlof");
        box.press("Enter");
        assertThat(MembersBrowserTests.heading(page)).hasText("Zoeken");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("gevonden");
        assertThat(page.locator(".search-result mark").first()).isVisible();

        page.locator(".search-filters summary").click();
        page.getByLabel("Status").selectOption("SOLVED");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filters toepassen"))
                .click();
        Locator results = page.locator(".search-result");
        assertThat(results.first()).isVisible();
        for (int i = 0; i < results.count(); i++) {
            assertThat(results.nth(i).locator(".badge")).containsText("Opgelost");
        }
        assertThat(page).hasURL(Pattern.compile("solved=SOLVED"));
    }
}
