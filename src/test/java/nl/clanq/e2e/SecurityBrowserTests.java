package nl.clanq.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;
import nl.clanq.organisations.Fixtures;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The owner requires two-step verification; a member is made to set it up at their next click
 * (the test computes the authenticator code from the secret the page shows), signs in again with
 * a recovery code, and is shown the locked notice on their next click once the owner uses the
 * emergency lock.
 */
class SecurityBrowserTests extends BrowserTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void ownerRequiresTwoStepVerificationThenLocksTheOrganisation_S2_S3_S10() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.member(org);
        String memberEmail = jdbc.sql("select email from app_user where id = ?")
                .param(member)
                .query(String.class)
                .single();

        // The owner turns it on for themselves, then requires it for everyone (S2, S3)
        MembersBrowserTests.login(page, org.ownerEmail(), Fixtures.PASSWORD);
        page.navigate("/organisation/security");
        page.getByLabel("Verificatie in twee stappen verplicht stellen").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Opslaan"))
                .click();
        assertThat(page.locator("#form-errors")).containsText("Zet eerst voor uzelf verificatie in twee stappen aan");
        enrol(page);
        page.navigate("/organisation/security");
        page.getByLabel("Verificatie in twee stappen verplicht stellen").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Opslaan"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Het beveiligingsbeleid is opgeslagen");

        // The member is sent to set it up and can do nothing else first
        BrowserContext memberContext = newContext();
        Page m = memberContext.newPage();
        MembersBrowserTests.login(m, memberEmail, Fixtures.PASSWORD);
        assertThat(m.getByRole(AriaRole.ALERT)).containsText("Uw organisatie verplicht verificatie in twee stappen");
        m.navigate("/profile");
        assertThat(MembersBrowserTests.heading(m)).hasText("Verificatie in twee stappen");
        String recoveryCode = enrol(m);
        m.navigate("/start");
        assertThat(MembersBrowserTests.heading(m)).hasText("Welkom, Test Persoon");

        // Signing in again asks for the second step; a recovery code works (S2)
        MembersBrowserTests.logout(m);
        MembersBrowserTests.login(m, memberEmail, Fixtures.PASSWORD);
        assertThat(MembersBrowserTests.heading(m)).hasText("Verificatie in twee stappen");
        m.getByLabel("Code", new Page.GetByLabelOptions().setExact(true)).fill(recoveryCode);
        m.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Inloggen"))
                .click();
        assertThat(MembersBrowserTests.heading(m)).hasText("Welkom, Test Persoon");

        // The owner locks the organisation (S10); the member's next click shows the locked notice
        page.navigate("/organisation/security");
        page.getByLabel("Bevestig met uw wachtwoord").fill(Fixtures.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Organisatie nu vergrendelen"))
                .click();
        assertThat(MembersBrowserTests.heading(page)).hasText("Uw organisatie is vergrendeld");

        m.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Test Persoon"))
                .click();
        assertThat(MembersBrowserTests.heading(m)).hasText("Uw organisatie is vergrendeld");
        MembersBrowserTests.login(m, memberEmail, Fixtures.PASSWORD);
        assertThat(MembersBrowserTests.heading(m)).hasText("Uw organisatie is vergrendeld");
        memberContext.close();
    }

    /** Turns on two-step verification on the page the person is on; answers a recovery code. */
    private static String enrol(Page p) throws Exception {
        p.navigate("/account/two-factor");
        p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verificatie in twee stappen aanzetten"))
                .click();
        String secret = p.locator(".two-factor-secret").textContent().replace(" ", "");
        p.getByLabel("Code uit de app").fill(code(secret));
        p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Bevestigen en aanzetten"))
                .click();
        assertThat(p.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Uw herstelcodes")))
                .isVisible();
        String recoveryCode =
                p.locator(".recovery-codes li").first().textContent().strip();
        p.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ik heb de codes bewaard"))
                .click();
        return recoveryCode;
    }

    private static String code(String base32Secret) throws Exception {
        TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
        SecretKeySpec key = new SecretKeySpec(new Base32().decode(base32Secret), totp.getAlgorithm());
        return totp.generateOneTimePasswordString(key, Instant.now());
    }
}
