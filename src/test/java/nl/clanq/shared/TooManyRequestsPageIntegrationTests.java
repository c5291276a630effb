package nl.clanq.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.clanq.IntegrationTest;
import nl.clanq.organisations.Fixtures;
import nl.clanq.shared.web.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The 429 page as a browser gets it from the real server (MockMvc does not render the error page of
 * a filter's {@code sendError}). The client connects from its own loopback address, so its login
 * attempts do not eat into the per-address budget (30 an hour) that the other tests share on
 * 127.0.0.1.
 */
@IntegrationTest
class TooManyRequestsPageIntegrationTests {

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    Http http;

    @BeforeEach
    void client() throws UnknownHostException {
        InetAddress own = InetAddress.getByAddress(new byte[] {
            127,
            0,
            (byte) ThreadLocalRandom.current().nextInt(1, 255),
            (byte) ThreadLocalRandom.current().nextInt(2, 255)
        });
        http = new Http(port, own);
    }

    @Test
    void eleventhFailedLoginShowsTheDutchWaitPageWithRetryAfter_S11() {
        String email = Fixtures.unique("throttled");
        fixtures.person(email);

        for (int i = 1; i <= 10; i++) {
            HttpResponse<String> failed = login(email, "verkeerd wachtwoord " + i);
            assertThat(failed.statusCode()).as("attempt " + i).isEqualTo(302);
            assertThat(failed.headers().firstValue("Location"))
                    .as("attempt " + i)
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        }

        HttpResponse<String> eleventh = login(email, "verkeerd wachtwoord 11");

        assertThat(eleventh.statusCode()).isEqualTo(429);
        assertThat(eleventh.headers().firstValue("Retry-After"))
                .hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isPositive());
        assertThat(eleventh.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(eleventh.body())
                .contains("<html lang=\"nl\"")
                .contains("Even geduld")
                .contains("Er zijn te veel pogingen gedaan")
                .containsPattern("U kunt het over \\d+ minu(ut|ten) opnieuw proberen\\.");
        // The page names as many minutes as the header asks to wait, rounded up.
        long seconds =
                Long.parseLong(eleventh.headers().firstValue("Retry-After").orElseThrow());
        Matcher minutes = Pattern.compile("U kunt het over (\\d+) minu").matcher(eleventh.body());
        assertThat(minutes.find()).isTrue();
        assertThat(Long.parseLong(minutes.group(1))).isEqualTo(Math.max(1, (seconds + 59) / 60));
    }

    @Test
    void whileThrottledEvenTheRightPasswordGetsTheWaitPage_S11() {
        String email = Fixtures.unique("throttled");
        fixtures.person(email);
        for (int i = 1; i <= 10; i++) {
            login(email, "verkeerd wachtwoord " + i);
        }

        HttpResponse<String> right = login(email, Fixtures.PASSWORD);

        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.body()).contains("Even geduld");
    }

    /**
     * A login through the form as a browser does it: first the page, then the POST with the hidden
     * {@code _csrf} field and the cookies the page set. Clanq keeps the CSRF token in the
     * {@code XSRF-TOKEN} cookie; MockMvc's {@code csrf()} in other test classes swaps the shared
     * filter chain over to a session-kept token, so the session cookie goes back too.
     */
    private HttpResponse<String> login(String email, String password) {
        HttpResponse<String> page = http.get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        String cookies = page.headers().allValues("Set-Cookie").stream()
                .map(c -> c.split(";", 2)[0])
                .collect(Collectors.joining("; "));
        assertThat(cookies).as("cookies of the login page").containsAnyOf("XSRF-TOKEN=", "CLANQ_SESSION=");
        Matcher field = CSRF_INPUT.matcher(page.body());
        assertThat(field.find()).as("hidden _csrf field on the login page").isTrue();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", field.group(1));
        form.put("email", email);
        form.put("password", password);
        return http.postForm("/login", form, "Cookie", cookies);
    }
}
