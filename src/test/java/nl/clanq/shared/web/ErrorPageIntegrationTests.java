package nl.clanq.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.clanq.ClanqApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.CookieSerializer.CookieValue;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;

/** A failure inside a controller, with a controller that exists only in this test's context. */
@SpringBootTest(
        classes = {ClanqApplication.class, ErrorPageIntegrationTests.Failing.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // This context also plays production behind HTTPS (S1).
        properties = "clanq.security.https=true")
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class ErrorPageIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void failureShowsThe500PageWithTheRequestIdOfTheLogLine(CapturedOutput output) {
        HttpResponse<String> response = new Http(port).get("/test-failure", "Cookie", "clanq_lang=nl");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body())
                .contains("Er ging iets mis")
                .contains("Naar de inhoud")
                .doesNotContain("IllegalStateException")
                .doesNotContain("secret detail");
        Matcher id = Pattern.compile("<code class=\"request-id\">([0-9a-f]{12})</code>")
                .matcher(response.body());
        assertThat(id.find()).as("request id on the page").isTrue();
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(id.group(1));
        assertThat(output.getAll())
                .containsPattern("\\[" + id.group(1) + "\\].*Request GET /test-failure failed")
                .contains("secret detail");
    }

    @Autowired
    CookieSerializer sessionCookies;

    @Test
    void behindHttpsCookiesAreSecureWithTheHostPrefixAndHstsIsSent_S1() {
        HttpResponse<String> response = new Http(port).get("/login");

        assertThat(response.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(h -> assertThat(h).contains("max-age=31536000"));
        assertThat(response.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("__Host-XSRF-TOKEN=")
                .contains("Secure")
                .contains("Path=/"));

        MockHttpServletResponse written = new MockHttpServletResponse();
        MockHttpServletRequest request = new MockHttpServletRequest();
        sessionCookies.writeCookieValue(new CookieValue(request, written, "abc"));
        assertThat(written.getHeader("Set-Cookie"))
                .startsWith("__Host-CLANQ_SESSION=")
                .contains("Secure")
                .contains("HttpOnly")
                .contains("SameSite=Lax");
    }

    @Controller
    static class Failing {
        @GetMapping("/test-failure")
        String fail() {
            throw new IllegalStateException("secret detail");
        }
    }
}
