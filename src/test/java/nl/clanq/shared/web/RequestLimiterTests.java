package nl.clanq.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

class RequestLimiterTests {

    private static RequestLimiter limiter(int places) {
        return limiter(places, 100, Duration.ofMillis(50));
    }

    private static RequestLimiter limiter(int places, int maxQueued, Duration wait) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages/shared");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        CookieLocaleResolver locales = new CookieLocaleResolver(WebConfig.LANGUAGE_COOKIE);
        locales.setDefaultLocale(WebConfig.DUTCH);
        return new RequestLimiter(places, maxQueued, wait, messages, locales);
    }

    private static MockHttpServletRequest get(String path, Locale locale) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.addPreferredLocale(locale);
        return request;
    }

    /** A request that takes a place and keeps it until {@code release}; answers once it is inside. */
    private static Future<?> holdAPlace(ExecutorService executor, RequestLimiter limiter, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        Future<?> held = executor.submit(() -> {
            limiter.doFilter(get("/topics/1", Locale.forLanguageTag("nl")), new MockHttpServletResponse(), (rq, rs) -> {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return null;
        });
        inside.await();
        return held;
    }

    @Test
    void anOverloadIsAnsweredWithAShortBusyPageInsteadOfBeingTakenOn() throws Exception {
        RequestLimiter limiter = limiter(1);
        CountDownLatch release = new CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> slow = holdAPlace(executor, limiter, release);

            MockHttpServletResponse busy = new MockHttpServletResponse();
            MockFilterChain chain = new MockFilterChain();
            limiter.doFilter(get("/forums", Locale.forLanguageTag("nl")), busy, chain);
            assertThat(busy.getStatus()).isEqualTo(503);
            assertThat(busy.getHeader("Retry-After")).isEqualTo("5");
            assertThat(busy.getContentAsString()).contains("Het is even te druk");
            assertThat(chain.getRequest())
                    .as("the busy request is not worked on")
                    .isNull();

            // In the language the person chose, as every other page.
            MockHttpServletRequest english = get("/forums", Locale.forLanguageTag("nl"));
            english.setCookies(new jakarta.servlet.http.Cookie(WebConfig.LANGUAGE_COOKIE, "en"));
            MockHttpServletResponse busyEnglish = new MockHttpServletResponse();
            limiter.doFilter(english, busyEnglish, new MockFilterChain());
            assertThat(busyEnglish.getContentAsString()).contains("Clanq is busy");

            // Live streams stay open as long as a page: they never take a place.
            MockFilterChain stream = new MockFilterChain();
            limiter.doFilter(get("/messages/stream", Locale.ENGLISH), new MockHttpServletResponse(), stream);
            assertThat(stream.getRequest()).isNotNull();

            release.countDown();
            slow.get();
        }
        MockFilterChain after = new MockFilterChain();
        MockHttpServletResponse ok = new MockHttpServletResponse();
        limiter.doFilter(get("/forums", Locale.ENGLISH), ok, after);
        assertThat(after.getRequest())
                .as("a freed place admits the next request")
                .isNotNull();
        assertThat(ok.getStatus()).isEqualTo(200);
    }

    @Test
    void whenTheLineIsFullTheNextRequestIsAnsweredAtOnce() throws Exception {
        RequestLimiter limiter = limiter(1, 1, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> working = holdAPlace(executor, limiter, release);
            MockFilterChain waitingChain = new MockFilterChain();
            MockHttpServletResponse waitingResponse = new MockHttpServletResponse();
            Future<?> waiting = executor.submit(() -> {
                limiter.doFilter(get("/forums", Locale.ENGLISH), waitingResponse, waitingChain);
                return null;
            });
            while (!limiter.lineIsFull()) {
                Thread.sleep(5);
            }

            MockHttpServletResponse busy = new MockHttpServletResponse();
            MockFilterChain turnedAway = new MockFilterChain();
            limiter.doFilter(get("/forums", Locale.ENGLISH), busy, turnedAway);
            assertThat(busy.getStatus()).isEqualTo(503);
            assertThat(turnedAway.getRequest()).isNull();
            assertThat(waiting)
                    .as("the request in line still waits for its place")
                    .isNotDone();

            release.countDown();
            working.get();
            waiting.get();
            assertThat(waitingChain.getRequest())
                    .as("the one in line gets the freed place")
                    .isNotNull();
            assertThat(waitingResponse.getStatus()).isEqualTo(200);
        }
    }
}
