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
import java.util.concurrent.atomic.AtomicInteger;
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
 * worked on at once; at most {@code clanq.web.max-queued-requests} more wait for a place, and get a
 * short 503 page with {@code Retry-After} if none frees up in time. Anything beyond that gets the
 * 503 page at once. Without the bound, every request of an overload is taken on with virtual
 * threads, and each waiting request keeps about 80 kB of Tomcat buffers until the heap runs out
 * (a heap dump of the benchmark's ramp, issue #10: 650 waiting requests held 50 MB). Live streams
 * are not counted: they stay open for as long as a page is.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLimiter extends OncePerRequestFilter {

    private final Semaphore places;
    private final int maxQueued;
    private final AtomicInteger queued = new AtomicInteger();
    private final Duration wait;
    private final MessageSource messages;
    private final LocaleResolver locales;

    RequestLimiter(
            @Value("${clanq.web.max-concurrent-requests:32}") int places,
            @Value("${clanq.web.max-queued-requests:128}") int maxQueued,
            @Value("${clanq.web.max-queue-wait:10s}") Duration wait,
            MessageSource messages,
            LocaleResolver locales) {
        this.places = new Semaphore(places, true);
        this.maxQueued = maxQueued;
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
        if (!admit()) {
            busy(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            places.release();
        }
    }

    /** A place at once, or after waiting in line (in order of arrival) if the line is not full. */
    private boolean admit() {
        try {
            if (queued.incrementAndGet() > maxQueued) {
                return false;
            }
            return places.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            queued.decrementAndGet();
        }
    }

    /** Whether the line is full: the next request would be turned away at once. */
    boolean lineIsFull() {
        return queued.get() >= maxQueued;
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
