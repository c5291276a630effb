package nl.clanq.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.clanq.TestMail;
import nl.clanq.notifications.NoticeMailRunner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Member B watches a forum; member A asks there and mentions B through the editor's suggestions;
 * B's bell updates live without a reload, and the notice opens the topic. The notice also arrives
 * by mail, and the mail's one-click unsubscribe link works without signing in.
 */
class NotificationsBrowserTests extends BrowserTest {

    @Autowired
    NoticeMailRunner noticeMail;

    @Test
    void aWatcherSeesTheBellUpdateLiveAndTheNoticeOpensTheTopic() {
        String title = "Eindejaarsuitkering wordt dubbel berekend " + System.nanoTime();

        // B (Fatima, De Linde) watches the payroll forum and keeps the page open.
        MembersBrowserTests.login(page, "fatima@delinde.example.nl", MembersBrowserTests.DEMO_PASSWORD);
        page.navigate("/notices");
        if (page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Alles als gelezen markeren"))
                        .count()
                > 0) {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Alles als gelezen markeren"))
                    .click();
        }
        page.navigate("/forums");
        page.locator("a.forum-entry", new Page.LocatorOptions().setHasText("Salarisadministratie"))
                .click();
        page.locator(".watch-form select").selectOption("WATCHING");
        page.locator(".watch-form button").click();
        assertThat(page.locator(".watch-form [role=status]")).hasText("Opgeslagen.");
        String forumUrl = page.url().replaceFirst("^http://[^/]+", "");

        // A (Mark, Zuidwaarde) asks there and picks Fatima from the @ suggestions.
        BrowserContext markContext = newContext();
        Page mark = markContext.newPage();
        MembersBrowserTests.login(mark, "mark@zuidwaarde.example.nl", MembersBrowserTests.DEMO_PASSWORD);
        mark.navigate(forumUrl + "/new");
        mark.getByLabel("Uw vraag in één zin").fill(title);
        mark.locator("#f-body").click();
        mark.locator("#f-body")
                .pressSequentially(
                        "Herkent iemand dit? @fati",
                        new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(30));
        assertThat(mark.locator("#mention-list [role=option]").first()).containsText("Fatima El Amrani");
        mark.keyboard().press("Enter");
        assertThat(mark.locator("#f-body")).hasValue("Herkent iemand dit? @fatima.el.amrani ");
        mark.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Vraag plaatsen"))
                .click();
        assertThat(MembersBrowserTests.heading(mark)).hasText(title);
        markContext.close();

        // Fatima's bell shows it without a reload; the notice opens the topic.
        assertThat(page.locator("#notice-badge-slot .notice-count")).hasText("1 ongelezen");
        // Unread after the batching window, it is mailed too, with a one-click unsubscribe link.
        TestMail.purge();
        noticeMail.sendDueAfter(Duration.ofMinutes(6));
        TestMail.ReceivedMail mail = TestMail.awaitMailTo("fatima@delinde.example.nl");
        org.assertj.core.api.Assertions.assertThat(mail.header("List-Unsubscribe-Post"))
                .isEqualTo("List-Unsubscribe=One-Click");
        Matcher link = Pattern.compile("(/unsubscribe/[^\\s\"<>]+)").matcher(mail.text());
        org.assertj.core.api.Assertions.assertThat(link.find()).isTrue();
        page.locator("a.notice-bell").click();
        assertThat(page.locator(".notices .notice-unread")).containsText("Mark Visser noemde u in");
        page.locator(".notice-unread .notice-link").first().click();
        assertThat(MembersBrowserTests.heading(page)).hasText(title);

        BrowserContext stranger = newContext();
        Page anonymous = stranger.newPage();
        anonymous.navigate(link.group(1));
        anonymous
                .getByRole(AriaRole.BUTTON)
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Afmelden"))
                .first()
                .click();
        assertThat(anonymous.locator("main")).containsText("afgemeld");
        stranger.close();
    }
}
