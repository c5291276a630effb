package nl.clanq.accounts.web;

import jakarta.servlet.http.HttpSession;
import java.util.List;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.SessionControl;
import nl.clanq.accounts.SessionInfo;
import nl.clanq.shared.web.NotFoundException;
import nl.clanq.shared.web.UiAdvice;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A person's own sessions: see them and end any (S5); the "stay signed in" of the idle dialog. */
@Controller
public class SessionsController {

    private final SessionControl sessions;

    SessionsController(SessionControl sessions) {
        this.sessions = sessions;
    }

    public record SessionsView(List<SessionInfo> sessions) {}

    @GetMapping("/account/sessions")
    String list(@AuthenticationPrincipal ClanqPrincipal principal, HttpSession session, Model model) {
        model.addAttribute("view", new SessionsView(sessions.list(principal.id(), session.getId())));
        return "accounts/sessions";
    }

    @PostMapping("/account/sessions/end")
    String end(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam String id,
            HttpSession session,
            RedirectAttributes redirect) {
        if (!sessions.end(principal.id(), id)) {
            throw new NotFoundException();
        }
        if (id.equals(session.getId())) {
            return "redirect:/login?logout";
        }
        redirect.addFlashAttribute(UiAdvice.FLASH, "sessions.ended");
        return "redirect:/account/sessions";
    }

    @PostMapping("/account/sessions/end-others")
    String endOthers(
            @AuthenticationPrincipal ClanqPrincipal principal, HttpSession session, RedirectAttributes redirect) {
        sessions.endAllExcept(principal.id(), session.getId());
        redirect.addFlashAttribute(UiAdvice.FLASH, "sessions.endedOthers");
        return "redirect:/account/sessions";
    }

    /** The idle dialog's "stay signed in": touching the session is all it takes. */
    @PostMapping("/account/keep-alive")
    ResponseEntity<Void> keepAlive() {
        return ResponseEntity.noContent().build();
    }
}
