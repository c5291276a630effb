package nl.clanq.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.EmailChange;
import nl.clanq.accounts.EmailCodes;
import nl.clanq.accounts.Profile;
import nl.clanq.accounts.ProfileUpdated;
import nl.clanq.accounts.UserView;
import nl.clanq.shared.throttle.Throttle;
import nl.clanq.shared.web.FormErrors;
import nl.clanq.shared.web.UiAdvice;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A member's own profile (C8 data) and changing their email address. */
@Controller
public class ProfileController {

    static final int MAX_SPECIALISMS = 10;

    private final Accounts accounts;
    private final EmailChange emailChange;
    private final ApplicationEventPublisher events;
    private final Throttle throttle;
    private final UserDetailsService users;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    ProfileController(
            Accounts accounts,
            EmailChange emailChange,
            ApplicationEventPublisher events,
            Throttle throttle,
            UserDetailsService users) {
        this.accounts = accounts;
        this.emailChange = emailChange;
        this.events = events;
        this.throttle = throttle;
        this.users = users;
    }

    /** The session keeps showing the person's own name and address as they are now. */
    private void refreshSignedInPerson(long userId, HttpServletRequest request, HttpServletResponse response) {
        ClanqPrincipal fresh =
                (ClanqPrincipal) users.loadUserByUsername(accounts.get(userId).email());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    public record ProfileView(
            Profile profile, String email, List<String> suggestions, FormErrors errors, boolean messageMail) {
        public String specialismsText() {
            return String.join(", ", profile.specialisms());
        }
    }

    public record EmailView(String newEmail, boolean codeSent, FormErrors errors) {}

    @GetMapping("/profile")
    String profile(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        UserView u = accounts.get(principal.id());
        Profile p = new Profile(
                u.firstName(),
                u.lastName(),
                u.jobTitle(),
                u.city(),
                u.phone(),
                u.phoneHidden(),
                u.bio(),
                u.specialisms());
        model.addAttribute(
                "view",
                new ProfileView(p, u.email(), accounts.popularSpecialisms(30), FormErrors.none(), u.messageMail()));
        return "accounts/profile";
    }

    @PostMapping("/profile")
    @Transactional
    String save(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "") String firstName,
            @RequestParam(defaultValue = "") String lastName,
            @RequestParam(defaultValue = "") String jobTitle,
            @RequestParam(defaultValue = "") String city,
            @RequestParam(defaultValue = "") String phone,
            @RequestParam(defaultValue = "false") boolean phoneHidden,
            @RequestParam(defaultValue = "") String bio,
            @RequestParam(defaultValue = "") String specialisms,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        List<String> tags = Arrays.stream(specialisms.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
        Profile p = new Profile(
                firstName.strip(),
                lastName.strip(),
                jobTitle.strip(),
                city.strip(),
                phone.strip(),
                phoneHidden,
                bio.strip(),
                tags);
        FormErrors errors = FormErrors.none();
        errors.check(p.firstName().isEmpty() || p.firstName().length() > 80, "firstName", "form.required");
        errors.check(p.lastName().isEmpty() || p.lastName().length() > 80, "lastName", "form.required");
        errors.check(p.jobTitle().length() > 120, "jobTitle", "form.tooLong", 120);
        errors.check(p.city().length() > 80, "city", "form.tooLong", 80);
        errors.check(!p.phone().matches("^[0-9+()\\-\\s]{0,20}$"), "phone", "form.phone.invalid");
        errors.check(p.bio().length() > 1000, "bio", "form.tooLong", 1000);
        errors.check(
                tags.size() > MAX_SPECIALISMS || tags.stream().anyMatch(t -> t.length() > 40),
                "specialisms",
                "profile.specialisms.limit",
                MAX_SPECIALISMS);
        if (errors.any()) {
            UserView u = accounts.get(principal.id());
            model.addAttribute(
                    "view", new ProfileView(p, u.email(), accounts.popularSpecialisms(30), errors, u.messageMail()));
            return "accounts/profile";
        }
        accounts.updateProfile(principal.id(), p);
        events.publishEvent(
                new ProfileUpdated(principal.id(), accounts.get(principal.id()).auditLabel()));
        refreshSignedInPerson(principal.id(), request, response);
        redirect.addFlashAttribute(UiAdvice.FLASH, "profile.saved");
        return "redirect:/profile";
    }

    @PostMapping("/profile/message-mail")
    @Transactional
    String messageMail(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "false") boolean on,
            RedirectAttributes redirect) {
        accounts.mailAboutMessages(principal.id(), on);
        redirect.addFlashAttribute(UiAdvice.FLASH, "profile.saved");
        return "redirect:/profile";
    }

    @GetMapping("/profile/email")
    String emailForm(Model model) {
        model.addAttribute("view", new EmailView("", false, FormErrors.none()));
        return "accounts/email-change";
    }

    @PostMapping("/profile/email")
    @Transactional
    String startEmailChange(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "") String newEmail,
            @RequestParam(defaultValue = "") String password,
            Model model) {
        throttle.attempt(Throttle.Limit.EMAIL_CHANGE_PER_ACCOUNT, Long.toString(principal.id()));
        FormErrors errors = FormErrors.none();
        switch (emailChange.start(principal.id(), password, newEmail)) {
            case INVALID_ADDRESS -> errors.add("newEmail", "form.email.invalid");
            case WRONG_PASSWORD -> errors.add("password", "password.currentWrong");
            case CODE_SENT -> {}
        }
        model.addAttribute("view", new EmailView(newEmail, errors.isEmpty(), errors));
        return "accounts/email-change";
    }

    @PostMapping("/profile/email/confirm")
    @Transactional
    String confirmEmailChange(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "") String newEmail,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        EmailCodes.Result result = emailChange.confirm(principal.id(), code);
        if (result.outcome() == EmailCodes.Outcome.CONFIRMED) {
            refreshSignedInPerson(principal.id(), request, response);
            redirect.addFlashAttribute(UiAdvice.FLASH, "profile.email.changed");
            return "redirect:/profile";
        }
        FormErrors errors = FormErrors.none();
        switch (result.outcome()) {
            case WRONG -> errors.add("code", "code.wrong", result.attemptsLeft());
            case TOO_MANY_ATTEMPTS -> errors.add("code", "code.tooMany");
            default -> errors.add("code", "code.expired");
        }
        model.addAttribute("view", new EmailView(newEmail, true, errors));
        return "accounts/email-change";
    }
}
