package nl.clanq.shared.web;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * What every page needs besides its own view record: translated text, the CSRF token for forms and
 * htmx, the current language and path. Built per request by {@link UiAdvice}.
 */
public final class Ui {

    private final MessageSource messages;
    private final Locale locale;
    private final CsrfToken csrf;
    private final String path;
    private final CurrentUser user;
    private final String flash;
    private final int idleSeconds;

    Ui(
            MessageSource messages,
            Locale locale,
            CsrfToken csrf,
            String path,
            CurrentUser user,
            String flash,
            int idleSeconds) {
        this.messages = messages;
        this.locale = locale;
        this.csrf = csrf;
        this.path = path;
        this.user = user;
        this.flash = flash;
        this.idleSeconds = idleSeconds;
    }

    /** Seconds of inactivity after which the session ends (S5); 0 for visitors. */
    public int idleSeconds() {
        return idleSeconds;
    }

    /** Message key of a one-time notice set before a redirect ({@code flash} attribute), or null. */
    public String flash() {
        return flash;
    }

    /** The text for {@code key} in the user's language. */
    public String t(String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    public String lang() {
        return locale.getLanguage();
    }

    public boolean isDutch() {
        return "nl".equals(locale.getLanguage());
    }

    public Locale locale() {
        return locale;
    }

    public String csrfParameter() {
        return csrf == null ? "_csrf" : csrf.getParameterName();
    }

    public String csrfHeader() {
        return csrf == null ? "X-CSRF-TOKEN" : csrf.getHeaderName();
    }

    public String csrfToken() {
        return csrf == null ? "" : csrf.getToken();
    }

    /** The current request path, for marking the active navigation item. */
    public String path() {
        return path;
    }

    public boolean isActive(String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static final java.time.ZoneId AMSTERDAM = java.time.ZoneId.of("Europe/Amsterdam");

    /** A moment in Dutch time, formatted for the user's language. */
    public String dateTime(java.time.Instant instant) {
        return instant == null
                ? ""
                : java.time.format.DateTimeFormatter.ofLocalizedDateTime(
                                java.time.format.FormatStyle.MEDIUM, java.time.format.FormatStyle.SHORT)
                        .withLocale(locale)
                        .withZone(AMSTERDAM)
                        .format(instant);
    }

    /**
     * A short, readable name for a browser's User-Agent ("Firefox on Windows"). Only for display:
     * a rough reading of the well-known product tokens is enough here.
     */
    public String browserName(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return t("sessions.unknownBrowser");
        }
        String browser = userAgent.contains("Edg/")
                ? "Edge"
                : userAgent.contains("Firefox/")
                        ? "Firefox"
                        : userAgent.contains("Chrome/") || userAgent.contains("Chromium/")
                                ? "Chrome"
                                : userAgent.contains("Safari/") ? "Safari" : t("sessions.unknownBrowser");
        String system = userAgent.contains("Android")
                ? "Android"
                : userAgent.contains("iPhone") || userAgent.contains("iPad")
                        ? "iOS"
                        : userAgent.contains("Windows")
                                ? "Windows"
                                : userAgent.contains("Mac OS") ? "macOS" : userAgent.contains("Linux") ? "Linux" : null;
        return system == null ? browser : t("sessions.browserOn", browser, system);
    }

    public CurrentUser user() {
        return user;
    }

    public boolean loggedIn() {
        return user != null;
    }
}
