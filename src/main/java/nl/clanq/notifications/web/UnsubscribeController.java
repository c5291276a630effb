package nl.clanq.notifications.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import nl.clanq.accounts.Accounts;
import nl.clanq.notifications.NoticeKind;
import nl.clanq.notifications.NoticePreferences;
import nl.clanq.notifications.UnsubscribeTokens;
import nl.clanq.notifications.Unsubscription;
import nl.clanq.shared.throttle.Throttle;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * One-click unsubscribe from a notice mail or the digest, without a login: the signed token in the
 * link is the credential. The GET shows what the link stops and one button; the POST (from that
 * button, or straight from a mail client under RFC 8058, without a CSRF token) switches it off.
 * A malformed or altered token answers 404 with a page that says so; nothing changes.
 */
@Controller
public class UnsubscribeController {

    private final UnsubscribeTokens tokens;
    private final NoticePreferences preferences;
    private final Accounts accounts;
    private final Throttle throttle;

    UnsubscribeController(
            UnsubscribeTokens tokens, NoticePreferences preferences, Accounts accounts, Throttle throttle) {
        this.tokens = tokens;
        this.preferences = preferences;
        this.accounts = accounts;
        this.throttle = throttle;
    }

    public enum Step {
        CONFIRM,
        DONE,
        INVALID
    }

    public record UnsubscribeView(Step step, String token, boolean digest, List<NoticeKind> kinds) {

        public boolean confirm() {
            return step == Step.CONFIRM;
        }

        public boolean done() {
            return step == Step.DONE;
        }
    }

    @GetMapping("/unsubscribe/{token}")
    String confirm(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        throttle.attempt(Throttle.Limit.UNSUBSCRIBE_PER_IP, request.getRemoteAddr());
        Optional<Unsubscription> unsubscription = read(token);
        if (unsubscription.isEmpty()) {
            return invalid(response, model);
        }
        model.addAttribute("view", view(Step.CONFIRM, token, unsubscription.get()));
        return "notifications/unsubscribe";
    }

    @PostMapping("/unsubscribe/{token}")
    @Transactional
    String unsubscribe(
            @PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        throttle.attempt(Throttle.Limit.UNSUBSCRIBE_PER_IP, request.getRemoteAddr());
        Optional<Unsubscription> unsubscription = read(token);
        if (unsubscription.isEmpty()) {
            return invalid(response, model);
        }
        preferences.unsubscribe(unsubscription.get());
        model.addAttribute("view", view(Step.DONE, token, unsubscription.get()));
        return "notifications/unsubscribe";
    }

    private Optional<Unsubscription> read(String token) {
        return tokens.read(token).filter(u -> accounts.find(u.userId()).isPresent());
    }

    private static UnsubscribeView view(Step step, String token, Unsubscription unsubscription) {
        return new UnsubscribeView(step, token, unsubscription.digest(), List.copyOf(unsubscription.kinds()));
    }

    private static String invalid(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("view", new UnsubscribeView(Step.INVALID, "", false, List.of()));
        return "notifications/unsubscribe";
    }
}
