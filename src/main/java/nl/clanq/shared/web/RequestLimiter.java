package nl.clanq.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

/**
 * A bulkhead in front of everything: at most {@code clanq.web.max-concurrent-requests} requests are
 * worked on at once; the next ones wait (costing a virtual thread, nothing more) and get a short
 * 503 page with {@code Retry-After} if no place frees up in time. Without it, every request of an
 * overload is taken on at once with virtual threads, each holding its session and page, until the
 * heap runs out (seen in the benchmark's ramp, issue #10). Live streams are not counted: they stay
 * open for as long as a page is.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLimiter extends OncePerRequestFilter {

    private final Semaphore places;
    private final Duration wait;
    private final MessageSource messages;
    private final LocaleResolver locales;

    RequestLimiter(
            @Value("${clanq.web.max-concurrent-requests:32}") int places,
            @Value("${clanq.web.max-queue-wait:10s}") Duration wait,
            MessageSource messages,
            LocaleResolver locales) {
        this.places = new Semaphore(places, true);
        this.wait = wait;
        this.messages = messages;
        this.locales = locales;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/messages/stream") || path.startsWith("/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = places.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            busy(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            places.release();
        }
    }

    /** A page without database or session: the server is too busy for either. */
    private void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The language the person chose (a cookie), as on every other page; no session is read.
        Locale locale = locales.resolveLocale(request);
        String title = HtmlUtils.htmlEscape(messages.getMessage("error.503.title", null, locale));
        String text = HtmlUtils.htmlEscape(messages.getMessage("error.503.text", null, locale));
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter()
                .write("<!doctype html><html lang=\"" + locale.getLanguage() + "\"><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                        + "</title><main style=\"font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;"
                        + "padding:0 1rem\"><h1>" + title + "</h1><p>" + text + "</p></main></html>");
    }
}
