package nl.clanq.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.clanq.IntegrationTest;
import nl.clanq.shared.throttle.Throttle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the browser tests: headless Chromium from the system (Debian's {@code /usr/bin/chromium},
 * or {@code -Dclanq.test.chromium=…}) driven by Playwright against the shared test server. One
 * browser per JVM; every test gets a fresh context, so no cookies leak between tests.
 */
@IntegrationTest
public abstract class BrowserTest {

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    protected int port;

    protected BrowserContext context;
    protected Page page;

    private static synchronized Browser browser() {
        if (browser == null) {
            playwright = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(Path.of(System.getProperty("clanq.test.chromium", "/usr/bin/chromium")))
                            .setHeadless(true)
                            .setArgs(List.of(
                                    "--no-sandbox",
                                    "--disable-gpu",
                                    "--disable-quic",
                                    "--no-first-run",
                                    "--disable-background-networking",
                                    "--disable-component-update",
                                    "--disable-sync")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                browser.close();
                playwright.close();
            }));
        }
        return browser;
    }

    @Autowired
    private Throttle throttle;

    /**
     * Every browser test signs people in from 127.0.0.1; each test starts with that address's login
     * budget (S11) fresh, as a person at their own computer would, so the number of browser tests
     * does not run into the limit that the rate-limit tests prove.
     */
    @BeforeEach
    void openPage() {
        throttle.reset(Throttle.Limit.LOGIN_PER_IP, "127.0.0.1");
        context = newContext();
        page = context.newPage();
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    /** A separate browser context: another person at another computer. */
    protected BrowserContext newContext() {
        BrowserContext c = browser()
                .newContext(new Browser.NewContextOptions()
                        .setBaseURL("http://127.0.0.1:" + port)
                        .setLocale("nl-NL")
                        .setViewportSize(1280, 900));
        c.setDefaultTimeout(10_000);
        return c;
    }
}
