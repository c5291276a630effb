package nl.clanq.security;

import org.springframework.mock.web.MockHttpServletResponse;

/** What a request answers, as the matrix judges it. */
enum Outcome {
    /** 2xx, or a redirect to anything but the bare login page. */
    OK("OK"),
    /** A redirect to {@code /login}: the visitor has to sign in first. */
    LOGIN("302→/login"),
    /** A redirect to the locked notice: the person's organisation is locked (S10). */
    LOCKED("302→/login/refused/locked"),
    /** 404: the item is hidden (forbidden items answer 404, never 403). */
    NOT_FOUND("404"),
    /** Anything else (403, 405, 429, 5xx, ...): never expected so far. */
    OTHER("other");

    final String label;

    Outcome(String label) {
        this.label = label;
    }

    static Outcome of(MockHttpServletResponse response) {
        int status = response.getStatus();
        if (status >= 200 && status < 300) {
            return OK;
        }
        if (status >= 300 && status < 400) {
            String target = redirectPath(response);
            if ("/login/refused/locked".equals(target)) {
                return LOCKED;
            }
            return "/login".equals(target) ? LOGIN : OK;
        }
        return status == 404 ? NOT_FOUND : OTHER;
    }

    /** The redirect target without scheme and host ({@code /login?reset}), or {@code null}. */
    static String redirectPath(MockHttpServletResponse response) {
        String url = response.getRedirectedUrl();
        if (url == null) {
            url = response.getHeader("Location");
        }
        return url == null ? null : url.replaceFirst("^https?://[^/]+", "");
    }

    /** How a response shows in the published table: {@code 200}, {@code 302→/start}, {@code 404}. */
    static String describe(MockHttpServletResponse response) {
        int status = response.getStatus();
        String target = redirectPath(response);
        return status >= 300 && status < 400 && target != null
                ? status + "→" + target.replaceAll("/[0-9]+(?=/|$|\\?)", "/{id}")
                : Integer.toString(status);
    }
}
