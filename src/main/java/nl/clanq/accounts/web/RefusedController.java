package nl.clanq.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import nl.clanq.accounts.LoginPolicy;
import nl.clanq.accounts.LoginPolicy.BlockNotice;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Explains why a person with the right password cannot use Clanq now (S4, S10, C10). A blocked
 * person also reads why and until when: the session that was refused is replaced by a new one that
 * only remembers who was refused, briefly, so the notice shows the details to that person alone.
 */
@Controller
public class RefusedController {

    /** Session attribute of the new session after a block refusal: who was refused, and when. */
    static final String BLOCKED_PERSON = RefusedController.class.getName() + ".blocked";

    /** How long the refused person's browser may show the block's details. */
    static final Duration BLOCKED_NOTICE_VALIDITY = Duration.ofMinutes(15);

    record BlockedPerson(long userId, Instant refusedAt) implements Serializable {}

    /** Called after the refused session was invalidated: a fresh session remembers the person. */
    static void rememberBlocked(HttpServletRequest request, long userId, Instant now) {
        request.getSession(true).setAttribute(BLOCKED_PERSON, new BlockedPerson(userId, now));
    }

    public record RefusedView(String reason, BlockNotice notice, String until) {}

    private final List<LoginPolicy> policies;
    private final Clock clock;

    RefusedController(List<LoginPolicy> policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    @GetMapping("/login/refused/{reason}")
    String refused(@PathVariable String reason, HttpServletRequest request, Model model) {
        if (!reason.equals("locked") && !reason.equals("network") && !reason.equals("blocked")) {
            throw new NotFoundException();
        }
        BlockNotice notice = reason.equals("blocked") ? notice(request) : null;
        String until = notice == null || notice.until() == null
                ? null
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                        .withLocale(locale(request))
                        .withZone(ZoneId.of("Europe/Amsterdam"))
                        .format(notice.until());
        model.addAttribute("view", new RefusedView(reason, notice, until));
        return "accounts/refused";
    }

    private BlockNotice notice(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(BLOCKED_PERSON) instanceof BlockedPerson person)) {
            return null;
        }
        if (person.refusedAt().plus(BLOCKED_NOTICE_VALIDITY).isBefore(clock.instant())) {
            session.removeAttribute(BLOCKED_PERSON);
            return null;
        }
        return policies.stream()
                .flatMap(p -> p.blockNotice(person.userId()).stream())
                .findFirst()
                .orElse(null);
    }

    private static Locale locale(HttpServletRequest request) {
        return RequestContextUtils.getLocale(request);
    }
}
