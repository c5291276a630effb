package nl.clanq.accounts.web;

import nl.clanq.accounts.ClanqPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page; Spring Security handles the POST. */
@Controller
public class LoginController {

    public record LoginView(String notice, boolean failed) {}

    @GetMapping("/login")
    String login(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(required = false) String error,
            @RequestParam(required = false) String logout,
            @RequestParam(required = false) String ended,
            @RequestParam(required = false) String reset,
            @RequestParam(required = false) String welcome,
            Model model) {
        if (principal != null) {
            return principal.isStaff() ? "redirect:/staff" : "redirect:/start";
        }
        String notice = logout != null
                ? "login.loggedOut"
                : ended != null
                        ? "login.sessionEnded"
                        : reset != null ? "login.passwordReset" : welcome != null ? "login.welcome" : null;
        model.addAttribute("view", new LoginView(notice, error != null));
        return "accounts/login";
    }
}
