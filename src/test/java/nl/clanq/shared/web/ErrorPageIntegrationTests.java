package nl.clanq.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.clanq.ClanqApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;

/** A failure inside a controller, with a controller that exists only in this test's context. */
@SpringBootTest(
        classes = {ClanqApplication.class, ErrorPageIntegrationTests.Failing.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
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

    @Controller
    static class Failing {
        @GetMapping("/test-failure")
        String fail() {
            throw new IllegalStateException("secret detail");
        }
    }
}
