package nl.clanq.shared.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * A {@link Ui} without a Spring context or request, for code that renders templates directly (the
 * JMH benchmarks): the same object {@link UiAdvice} builds per request.
 */
public final class UiFixtures {

    private UiFixtures() {}

    public static Ui signedIn(
            MessageSource messages, Locale locale, CsrfToken csrf, String path, CurrentUser user, int idleSeconds) {
        return new Ui(messages, locale, csrf, path, user, null, idleSeconds);
    }

    /**
     * The message bundles as Spring Boot configures them from {@code application.properties}
     * ({@code spring.messages.*}), so that a new bundle there is picked up here as well.
     */
    public static MessageSource applicationMessages() {
        Properties properties = new Properties();
        try (InputStream in = UiFixtures.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames(
                Arrays.stream(properties.getProperty("spring.messages.basename").split(","))
                        .map(String::strip)
                        .toArray(String[]::new));
        messages.setDefaultEncoding(properties.getProperty("spring.messages.encoding", "UTF-8"));
        messages.setFallbackToSystemLocale(
                Boolean.parseBoolean(properties.getProperty("spring.messages.fallback-to-system-locale", "true")));
        return messages;
    }
}
