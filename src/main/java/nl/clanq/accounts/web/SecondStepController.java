package nl.clanq.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.LoginAttempts;
import nl.clanq.accounts.TwoFactor;
import nl.clanq.shared.throttle.Throttle;
import nl.clanq.shared.web.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * S2: the second step of the login for people with verification on. The password step left only a
 * pending marker in the session; this step turns it into a signed-in session, or sends the person
 * back to the login after five wrong codes.
 */
@Controller
public class SecondStepController {

    static final int MAX_WRONG_CODES = 5;

    private final TwoFactor twoFactor;
    private final LoginHandlers handlers;
    private final LoginAttempts attempts;
    private final Throttle throttle;

    SecondStepController(TwoFactor twoFactor, LoginHandlers handlers, LoginAttempts attempts, Throttle throttle) {
        this.twoFactor = twoFactor;
        this.handlers = handlers;
        this.attempts = attempts;
        this.throttle = throttle;
    }

    public record SecondStepView(FormErrors errors) {}

    @GetMapping("/login/two-factor")
    String form(HttpSession session, Model model) {
        if (!(session.getAttribute(LoginHandlers.PENDING) instanceof LoginHandlers.Pending)) {
            return "redirect:/login";
        }
        model.addAttribute("view", new SecondStepView(FormErrors.none()));
        return "accounts/login-two-factor";
    }

    @PostMapping("/login/two-factor")
    @Transactional
    String verify(
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            HttpSession session,
            Model model)
            throws Exception {
        if (!(session.getAttribute(LoginHandlers.PENDING) instanceof LoginHandlers.Pending pending)) {
            return "redirect:/login";
        }
        ClanqPrincipal principal = handlers.principal(pending.userId());
        throttle.attempt(Throttle.Limit.TWO_FACTOR_PER_ACCOUNT, Long.toString(pending.userId()));
        TwoFactor.Check check = twoFactor.verify(pending.userId(), code, TwoFactorController.label(principal));
        if (!check.passed()) {
            attempts.failed(principal.email());
            LoginHandlers.Pending next = pending.failedOnce();
            if (next.wrongCodes() >= MAX_WRONG_CODES) {
                session.removeAttribute(LoginHandlers.PENDING);
                return "redirect:/login?error";
            }
            session.setAttribute(LoginHandlers.PENDING, next);
            model.addAttribute("view", new SecondStepView(FormErrors.none().add("code", "twofactor.code.wrong")));
            return "accounts/login-two-factor";
        }
        session.removeAttribute(LoginHandlers.PENDING);
        handlers.completeLogin(principal, request, response);
        return null;
    }
}
