package nl.clanq.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoundationBrowserTests extends BrowserTest {

    @Test
    void homePageLoadsInDutchWithoutScriptErrors() {
        List<String> problems = new ArrayList<>();
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                problems.add(m.text());
            }
        });
        page.onPageError(problems::add);

        page.navigate("/");

        assertThat(page).hasTitle("Kennis delen met functioneel beheerders · Clanq");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .containsText("functioneel beheerders");
        assertThat(page.locator("footer")).containsText("op geen enkele wijze verantwoordelijk");
        page.waitForFunction("() => window.htmx !== undefined && window.bootstrap !== undefined");
        org.assertj.core.api.Assertions.assertThat(problems)
                .as("console errors (CSP violations included)")
                .isEmpty();
    }

    @Test
    void switchingToEnglishChangesTheTextAndIsRemembered() {
        page.navigate("/");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("English"))
                .click();

        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .containsText("The independent network");

        page.navigate("/privacy");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Privacy statement");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Nederlands"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Privacyverklaring");
    }

    @Test
    void notFoundPageRendersInsideTheLayout() {
        page.navigate("/bestaat/niet");

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Pagina niet gevonden");
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Hoofdmenu")))
                .isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Naar de startpagina")))
                .isVisible();
    }

    @Test
    void skipLinkIsTheFirstStopAndMovesFocusToTheContent() {
        page.navigate("/");
        page.keyboard().press("Tab");
        assertThat(page.locator(":focus")).hasText("Naar de inhoud");
        page.keyboard().press("Enter");
        org.assertj.core.api.Assertions.assertThat(page.url()).endsWith("#main");
    }

    @Test
    void worksOnAPhoneWithoutHorizontalScrolling() {
        page.setViewportSize(360, 740);
        page.navigate("/");

        Object overflow = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth");
        org.assertj.core.api.Assertions.assertThat(overflow).isEqualTo(false);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu openen of sluiten"))
                .click();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("English")))
                .isVisible();
    }
}
