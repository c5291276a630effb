package nl.clanq.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

class AuditBrowserTests extends BrowserTest {

    record SomethingDone(AuditFacts audit) implements Audited {}

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate tx;

    @Test
    void staffAuditPageFitsAPhoneWithoutHorizontalScrolling_S8() throws Exception {
        long organisation = ThreadLocalRandom.current().nextLong(1_000_000_000L, 1_000_000_000_000L);
        for (int i = 0; i < 51; i++) {
            AuditFacts facts = new AuditFacts(
                    4711L,
                    "Gerda Grootenboer-Vandenberghe <gerda.grootenboer-vandenberghe@voorbeeldgemeente.nl>",
                    "organisation.membership.ownership.transferred",
                    "organisation",
                    "org-" + i,
                    organisation,
                    Map.of("previousOwner", "hendrik.van.der.heijden-langenaam@voorbeeldgemeente.nl"));
            tx.executeWithoutResult(status -> events.publishEvent(new SomethingDone(facts)));
        }
        // Nobody can sign in yet, so the browser is handed the page staff would get, at its real address
        // (its stylesheets and scripts then load from the server as usual).
        String html = mvc.perform(get("/staff/audit")
                        .param("organisation", Long.toString(organisation))
                        .with(user("staff@clanq.nl").roles("STAFF")))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        page.route(
                "**/staff/audit**",
                (Route route) -> route.fulfill(new Route.FulfillOptions()
                        .setStatus(200)
                        .setContentType("text/html; charset=utf-8")
                        .setBody(html)));
        page.setViewportSize(360, 740);

        page.navigate("/staff/audit?organisation=" + organisation);

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Auditlog");
        assertThat(page.getByRole(AriaRole.TABLE)).isVisible();
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Pagina's van het auditlog"))
                        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Volgende pagina")))
                .isVisible();
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth");
        org.assertj.core.api.Assertions.assertThat(overflow).isEqualTo(false);
    }
}
