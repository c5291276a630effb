package nl.clanq.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.clanq.TestMail;
import org.junit.jupiter.api.Test;

/**
 * The whole membership story as people live it: an organisation registers, confirms its address
 * with the mailed code, staff approve it, the owner invites two colleagues who accept, a third
 * invitation is refused with the seat message, and ownership passes to a colleague.
 */
class MembersBrowserTests extends BrowserTest {

    static final String PASSWORD = "onze salarisrun loopt op dinsdag";
    static final String DEMO_PASSWORD = "Clanq-demo-2026!";

    @Test
    void registerApproveInviteAndTransfer_C3_C4_C10_G1() {
        String stamp = Long.toString(System.nanoTime());
        String owner = "bea-" + stamp + "@browserdam.example.nl";
        String organisation = "Gemeente Browserdam " + stamp;

        // Registration (C3, C10)
        page.navigate("/");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Lid worden"))
                .click();
        page.getByLabel("Naam van de organisatie").fill(organisation);
        page.getByLabel("KvK-nummer").fill("11223344");
        page.getByLabel("Plaats", new Page.GetByLabelOptions().setExact(true)).fill("Browserdam");
        page.getByLabel("Branche").selectOption("government");
        page.getByLabel("Aantal medewerkers").selectOption("251-1000");
        page.getByLabel("Salarisadministratie").check();
        page.getByLabel("Verlof en verzuim").check();
        page.getByLabel("Voornaam").fill("Bea");
        page.getByLabel("Achternaam").fill("Browser");
        page.getByLabel("Zakelijk e-mailadres").fill(owner);
        page.getByLabel("Functie", new Page.GetByLabelOptions().setExact(true)).fill("Functioneel beheerder");
        page.getByLabel("Wachtwoord", new Page.GetByLabelOptions().setExact(true))
                .fill(PASSWORD);
        page.getByLabel("Ik ga akkoord met de").check();
        page.getByLabel("Ik heb gelezen en ga akkoord met de").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Aanmelding versturen"))
                .click();

        assertThat(heading(page)).hasText("Bevestig uw e-mailadres");
        String code = firstMatch(
                "\\b(\\d{6})\\b", TestMail.awaitMail(owner, "bevestigingscode").text());
        page.getByLabel("Code van 6 cijfers").fill(code);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Bevestigen"))
                .click();
        assertThat(heading(page)).hasText("Bedankt voor uw aanmelding");

        // Before approval the owner only sees the review page.
        login(page, owner, PASSWORD);
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("wordt beoordeeld door Clanqbeheer");
        logout(page);

        // Staff approve (C3)
        BrowserContext staffContext = newContext();
        Page staff = staffContext.newPage();
        login(staff, "beheer@clanq.nl", DEMO_PASSWORD);
        staff.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Aanmeldingen").setExact(true))
                .click();
        Locator application =
                staff.locator("article.application").filter(new Locator.FilterOptions().setHasText(organisation));
        application
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Goedkeuren"))
                .click();
        assertThat(staff.getByRole(AriaRole.STATUS)).containsText("De aanmelding is goedgekeurd");
        staffContext.close();
        TestMail.awaitMail(owner, "is actief");

        // The owner invites two colleagues; the third invitation is refused (C4)
        login(page, owner, PASSWORD);
        assertThat(heading(page)).hasText("Welkom, Bea Browser");
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Organisatie").setExact(true))
                .click();
        String colleague1 = "carla-" + stamp + "@browserdam.example.nl";
        String colleague2 = "dirk-" + stamp + "@browserdam.example.nl";
        String colleague3 = "erik-" + stamp + "@browserdam.example.nl";
        invite(page, colleague1);
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("De uitnodiging is verstuurd");
        invite(page, colleague2);
        assertThat(page.locator(".seat-count")).hasText("3 van 3 plaatsen bezet");
        invite(page, colleague3);
        assertThat(page.locator("#e-email")).containsText("maximaal 3 plaatsen");

        // Both colleagues accept their invitation
        accept(colleague1, "Carla", "Collega");
        accept(colleague2, "Dirk", "Degen");
        page.reload();
        assertThat(page.locator("strong").getByText("Carla Collega")).isVisible();
        assertThat(page.locator("strong").getByText("Dirk Degen")).isVisible();

        // Ownership passes to Carla (G1)
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Beheer overdragen"))
                .click();
        page.getByLabel("Carla Collega").check();
        page.getByLabel("Bevestig met uw wachtwoord").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Beheer overdragen"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Het beheer is overgedragen");
        assertThat(page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Organisatie").setExact(true)))
                .hasCount(0);
        TestMail.awaitMail(colleague1, "is overgedragen");

        BrowserContext carlaContext = newContext();
        Page carla = carlaContext.newPage();
        login(carla, colleague1, PASSWORD);
        carla.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Organisatie").setExact(true))
                .click();
        assertThat(heading(carla)).containsText(organisation);
        carlaContext.close();
    }

    private void accept(String email, String first, String last) {
        String link = firstMatch(
                "(http://\\S+/invite/[A-Za-z0-9_-]+)",
                TestMail.awaitMail(email, "Uitnodiging").text());
        BrowserContext c = newContext();
        Page p = c.newPage();
        p.navigate(link.replaceFirst("^http://[^/]+", ""));
        p.getByLabel("Voornaam").fill(first);
        p.getByLabel("Achternaam").fill(last);
        p.getByLabel("Functie", new Page.GetByLabelOptions().setExact(true)).fill("Salarisadministrateur");
        p.getByLabel("Wachtwoord", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        p.getByLabel("Ik ga akkoord met de").check();
        p.getByLabel("Ik heb gelezen en ga akkoord met de").check();
        p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Account aanmaken"))
                .click();
        assertThat(p.getByRole(AriaRole.STATUS)).containsText("Uw account is aangemaakt");
        login(p, email, PASSWORD);
        assertThat(heading(p)).hasText("Welkom, " + first + " " + last);
        c.close();
    }

    private static void invite(Page page, String email) {
        page.getByLabel("Zakelijk e-mailadres").fill(email);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Uitnodigen"))
                .click();
    }

    static void login(Page page, String email, String password) {
        page.navigate("/login");
        page.getByLabel("E-mailadres").fill(email);
        page.getByLabel("Wachtwoord").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Inloggen"))
                .click();
    }

    static void logout(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Uitloggen"))
                .first()
                .click();
    }

    static Locator heading(Page page) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
    }

    private static String firstMatch(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError("No " + regex + " in: " + text);
        }
        return m.group(1);
    }
}
