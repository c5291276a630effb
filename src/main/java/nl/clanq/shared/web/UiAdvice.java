package nl.clanq.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;

/** Adds the {@link Ui} context as model attribute {@code ui} to every page. */
@ControllerAdvice
public class UiAdvice {

    /** Flash attribute holding the message key of a notice to show after a redirect. */
    public static final String FLASH = "flash";

    private final MessageSource messages;
    private final List<CurrentUserResolver> userResolvers;

    UiAdvice(MessageSource messages, List<CurrentUserResolver> userResolvers) {
        this.messages = messages;
        this.userResolvers = userResolvers;
    }

    @ModelAttribute("ui")
    public Ui ui(HttpServletRequest request) {
        return build(request);
    }

    /** Also used by the error page, which is rendered outside the normal handler chain. */
    public Ui build(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        CurrentUser user = userResolvers.stream()
                .map(r -> r.resolve(request))
                .filter(u -> u != null)
                .findFirst()
                .orElse(null);
        Map<String, ?> flashMap = RequestContextUtils.getInputFlashMap(request);
        Object flash = flashMap == null ? null : flashMap.get(FLASH);
        return new Ui(
                messages,
                RequestContextUtils.getLocale(request),
                csrf,
                pathOf(request),
                user,
                flash instanceof String f ? f : null,
                user == null || request.getSession(false) == null
                        ? 0
                        : request.getSession(false).getMaxInactiveInterval());
    }

    private static String pathOf(HttpServletRequest request) {
        Object original = request.getAttribute("jakarta.servlet.error.request_uri");
        String uri = original instanceof String s ? s : request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
