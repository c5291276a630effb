package nl.clanq.accounts.web;

import jakarta.servlet.http.HttpSession;
import java.util.List;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.LoginPolicy;
import nl.clanq.accounts.SessionControl;
import nl.clanq.accounts.TwoFactor;
import nl.clanq.shared.throttle.Throttle;
import nl.clanq.shared.web.FormErrors;
import nl.clanq.shared.web.UiAdvice;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * S2: a person turns on verification with an authenticator app (QR code and the secret as text,
 * confirmed with a first code), gets ten recovery codes shown once, regenerates them, or turns
 * verification off; the last two need the password and a current code.
 */
@Controller
public class TwoFactorController {

    private final TwoFactor twoFactor;
    private final Accounts accounts;
    private final SessionControl sessions;
    private final Throttle throttle;
    private final List<LoginPolicy> policies;

    TwoFactorController(
            TwoFactor twoFactor,
            Accounts accounts,
            SessionControl sessions,
            Throttle throttle,
            List<LoginPolicy> policies) {
        this.twoFactor = twoFactor;
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.policies = policies;
    }

    public record TwoFactorView(
            boolean on,
            int recoveryCodesLeft,
            TwoFactor.Enrolment enrolment,
            List<String> newRecoveryCodes,
            boolean required,
            FormErrors errors) {}

    @GetMapping("/account/two-factor")
    String page(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        boolean required = policies.stream().anyMatch(p -> p.requiresTwoFactor(principal.id()));
        model.addAttribute(
                "view",
                state(principal, null, List.of(), required && !twoFactor.isOn(principal.id()), FormErrors.none()));
        return "accounts/two-factor";
    }

    private TwoFactorView state(
            ClanqPrincipal principal,
            TwoFactor.Enrolment enrolment,
            List<String> codes,
            boolean required,
            FormErrors errors) {
        boolean on = twoFactor.isOn(principal.id());
        return new TwoFactorView(
                on, on ? twoFactor.recoveryCodesLeft(principal.id()) : 0, enrolment, codes, required, errors);
    }

    @PostMapping("/account/two-factor/start")
    @Transactional
    String start(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        if (twoFactor.isOn(principal.id())) {
            return "redirect:/account/two-factor";
        }
        TwoFactor.Enrolment enrolment = twoFactor.startEnrolment(principal.id(), principal.email());
        model.addAttribute("view", state(principal, enrolment, List.of(), false, FormErrors.none()));
        return "accounts/two-factor";
    }

    @PostMapping("/account/two-factor/confirm")
    @Transactional
    String confirm(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "") String code,
            Model model) {
        throttle.attempt(Throttle.Limit.TWO_FACTOR_PER_ACCOUNT, Long.toString(principal.id()));
        TwoFactor.Confirmation confirmation = twoFactor.confirmEnrolment(principal.id(), code, label(principal));
        if (!confirmation.confirmed()) {
            if (confirmation.outcome() == TwoFactor.Confirmation.Outcome.NO_ENROLMENT) {
                return "redirect:/account/two-factor";
            }
            // A new QR code would confuse: show the same one again with the message.
            TwoFactor.Enrolment enrolment = twoFactor
                    .pendingEnrolment(principal.id(), principal.email())
                    .orElseThrow();
            model.addAttribute(
                    "view",
                    state(
                            principal,
                            enrolment,
                            List.of(),
                            false,
                            FormErrors.none().add("code", "twofactor.code.wrong")));
            return "accounts/two-factor";
        }
        model.addAttribute("view", state(principal, null, confirmation.recoveryCodes(), false, FormErrors.none()));
        return "accounts/two-factor";
    }

    @PostMapping("/account/two-factor/recovery-codes")
    @Transactional
    String regenerate(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String code,
            Model model) {
        FormErrors errors = checkPasswordAndCode(principal, password, code);
        if (errors.any()) {
            model.addAttribute("view", state(principal, null, List.of(), false, errors));
            return "accounts/two-factor";
        }
        List<String> codes = twoFactor.regenerateRecoveryCodes(principal.id(), label(principal));
        model.addAttribute("view", state(principal, null, codes, false, FormErrors.none()));
        return "accounts/two-factor";
    }

    /** Turning verification off ends every other session of the person. */
    @PostMapping("/account/two-factor/off")
    @Transactional
    String off(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String code,
            HttpSession session,
            RedirectAttributes redirect,
            Model model) {
        FormErrors errors = checkPasswordAndCode(principal, password, code);
        if (errors.any()) {
            model.addAttribute("view", state(principal, null, List.of(), false, errors));
            return "accounts/two-factor";
        }
        twoFactor.turnOff(principal.id(), label(principal));
        sessions.endAllExcept(principal.id(), session.getId());
        redirect.addFlashAttribute(UiAdvice.FLASH, "twofactor.off.done");
        return "redirect:/account/two-factor";
    }

    private FormErrors checkPasswordAndCode(ClanqPrincipal principal, String password, String code) {
        throttle.attempt(Throttle.Limit.TWO_FACTOR_PER_ACCOUNT, Long.toString(principal.id()));
        FormErrors errors = FormErrors.none();
        if (!accounts.passwordMatches(principal.id(), password)) {
            errors.add("password", "password.currentWrong");
        } else if (!twoFactor.verify(principal.id(), code, label(principal)).passed()) {
            errors.add("code", "twofactor.code.wrong");
        }
        return errors;
    }

    static String label(ClanqPrincipal principal) {
        return principal.displayName() + " <" + principal.email() + ">";
    }
}
