package nl.clanq.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.PasswordResets;
import nl.clanq.accounts.UserView;
import nl.clanq.shared.throttle.Throttle;
import nl.clanq.shared.web.FormErrors;
import nl.clanq.shared.web.NotFoundException;
import nl.clanq.shared.web.UiAdvice;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Forgotten password (reset by emailed link) and changing the password while signed in. */
@Controller
public class PasswordController {

    private final PasswordResets resets;
    private final Accounts accounts;
    private final Throttle throttle;
    private final AccountEvents events;

    PasswordController(PasswordResets resets, Accounts accounts, Throttle throttle, AccountEvents events) {
        this.resets = resets;
        this.accounts = accounts;
        this.throttle = throttle;
        this.events = events;
    }

    public record ForgotView(String email, boolean sent, FormErrors errors) {}

    public record ResetView(String token, FormErrors errors) {}

    public record ChangeView(FormErrors errors) {}

    @GetMapping("/password/forgot")
    String forgot(Model model) {
        model.addAttribute("view", new ForgotView("", false, FormErrors.none()));
        return "accounts/password-forgot";
    }

    /** Answers the same page whether or not the address is known (G4). */
    @PostMapping("/password/forgot")
    @Transactional
    String requestReset(@RequestParam(defaultValue = "") String email, HttpServletRequest request, Model model) {
        FormErrors errors = FormErrors.none();
        if (errors.check(!email.contains("@"), "email", "form.email.invalid")) {
            model.addAttribute("view", new ForgotView(email, false, errors));
            return "accounts/password-forgot";
        }
        throttle.attempt(Throttle.Limit.RESET_PER_IP, request.getRemoteAddr());
        throttle.attempt(Throttle.Limit.RESET_PER_ACCOUNT, Accounts.normaliseEmail(email));
        resets.requestReset(email);
        model.addAttribute("view", new ForgotView(email, true, errors));
        return "accounts/password-forgot";
    }

    @GetMapping("/password/reset/{token}")
    String resetForm(@PathVariable String token, Model model) {
        if (resets.holder(token).isEmpty()) {
            return "accounts/password-link-invalid";
        }
        model.addAttribute("view", new ResetView(token, FormErrors.none()));
        return "accounts/password-reset";
    }

    @PostMapping("/password/reset/{token}")
    @Transactional
    String reset(
            @PathVariable String token,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String passwordRepeat,
            Model model) {
        UserView user = resets.holder(token).orElse(null);
        if (user == null) {
            return "accounts/password-link-invalid";
        }
        FormErrors errors = FormErrors.none();
        accounts.passwordViolation(password, user.email()).ifPresent(key -> errors.add("password", key, 12));
        errors.check(errors.isEmpty() && !password.equals(passwordRepeat), "passwordRepeat", "password.mismatch");
        if (errors.any()) {
            model.addAttribute("view", new ResetView(token, errors));
            return "accounts/password-reset";
        }
        resets.reset(token, password);
        events.passwordReset(user);
        return "redirect:/login?reset";
    }

    @GetMapping("/account/password")
    String changeForm(Model model) {
        model.addAttribute("view", new ChangeView(FormErrors.none()));
        return "accounts/password-change";
    }

    /** S7: the current password is required; every other session of the person ends. */
    @PostMapping("/account/password")
    @Transactional
    String change(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String passwordRepeat,
            HttpSession session,
            RedirectAttributes redirect,
            Model model) {
        FormErrors errors = FormErrors.none();
        errors.check(!accounts.passwordMatches(principal.id(), current), "current", "password.currentWrong");
        accounts.passwordViolation(password, principal.email()).ifPresent(key -> errors.add("password", key, 12));
        errors.check(
                !errors.has("password") && !password.equals(passwordRepeat), "passwordRepeat", "password.mismatch");
        if (errors.any()) {
            model.addAttribute("view", new ChangeView(errors));
            return "accounts/password-change";
        }
        accounts.setPassword(principal.id(), password, session.getId());
        events.passwordChanged(accounts.find(principal.id()).orElseThrow(NotFoundException::new));
        redirect.addFlashAttribute(UiAdvice.FLASH, "password.changed");
        return "redirect:/account/password";
    }
}
