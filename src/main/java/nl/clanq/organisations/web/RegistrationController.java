package nl.clanq.organisations.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.EmailCodes;
import nl.clanq.catalog.Catalog;
import nl.clanq.catalog.ModuleView;
import nl.clanq.catalog.VendorView;
import nl.clanq.organisations.Registrations;
import nl.clanq.shared.throttle.Throttle;
import nl.clanq.shared.web.FormErrors;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * C3, C10, G4: the public registration of an organisation for a vendor community, then the email
 * code. Which account the code belongs to lives only in the session; an address that already has
 * an account gets the same pages (and a mail to its owner instead of a code).
 */
@Controller
public class RegistrationController {

    static final String SESSION_KEY = "registration.userId";
    static final String FAKE_ATTEMPTS = "registration.fakeAttempts";
    static final long UNKNOWN = -1;

    static final List<String> INDUSTRIES = List.of(
            "government", "healthcare", "education", "housing", "retail", "industry", "services", "finance", "other");
    static final List<String> EMPLOYEES = List.of("1-50", "51-250", "251-1000", "1001-5000", "5000+");

    private final Catalog catalog;
    private final Registrations registrations;
    private final Accounts accounts;
    private final Throttle throttle;

    RegistrationController(Catalog catalog, Registrations registrations, Accounts accounts, Throttle throttle) {
        this.catalog = catalog;
        this.registrations = registrations;
        this.accounts = accounts;
        this.throttle = throttle;
    }

    public record VendorChoice(List<VendorView> vendors) {}

    public record Form(
            String organisationName,
            String kvkNumber,
            String city,
            String industry,
            String employees,
            Set<Long> moduleIds,
            String firstName,
            String lastName,
            String email,
            String jobTitle,
            String phone,
            boolean acceptTerms,
            boolean acceptPrivacy) {

        static Form empty() {
            return new Form("", "", "", "", "", Set.of(), "", "", "", "", "", false, false);
        }
    }

    public record FormView(
            VendorView vendor,
            List<ModuleView> modules,
            List<String> industries,
            List<String> employees,
            Form form,
            FormErrors errors) {}

    public record CodeView(String notice, FormErrors errors) {}

    @GetMapping("/register")
    String chooseVendor(Model model) {
        List<VendorView> vendors = catalog.activeVendors();
        if (vendors.size() == 1) {
            return "redirect:/register/" + vendors.get(0).slug();
        }
        model.addAttribute("view", new VendorChoice(vendors));
        return "organisations/register-vendor";
    }

    @GetMapping("/register/{slug}")
    String form(@PathVariable String slug, Model model) {
        VendorView vendor = vendorBySlug(slug);
        model.addAttribute("view", view(vendor, Form.empty(), FormErrors.none()));
        return "organisations/register";
    }

    @PostMapping("/register/{slug}")
    @Transactional
    String register(
            @PathVariable String slug,
            @RequestParam(defaultValue = "") String organisationName,
            @RequestParam(defaultValue = "") String kvkNumber,
            @RequestParam(defaultValue = "") String city,
            @RequestParam(defaultValue = "") String industry,
            @RequestParam(defaultValue = "") String employees,
            @RequestParam(name = "modules", required = false) List<Long> modules,
            @RequestParam(defaultValue = "") String firstName,
            @RequestParam(defaultValue = "") String lastName,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String jobTitle,
            @RequestParam(defaultValue = "") String phone,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "false") boolean acceptTerms,
            @RequestParam(defaultValue = "false") boolean acceptPrivacy,
            HttpServletRequest request,
            HttpSession session,
            Model model) {
        VendorView vendor = vendorBySlug(slug);
        Set<Long> moduleIds = modules == null ? Set.of() : Set.copyOf(modules);
        Form form = new Form(
                organisationName.strip(),
                kvkNumber.replaceAll("\\s", ""),
                city.strip(),
                industry,
                employees,
                moduleIds,
                firstName.strip(),
                lastName.strip(),
                Accounts.normaliseEmail(email),
                jobTitle.strip(),
                phone.strip(),
                acceptTerms,
                acceptPrivacy);
        FormErrors errors = validate(vendor, form, password);
        if (errors.any()) {
            model.addAttribute("view", view(vendor, form, errors));
            return "organisations/register";
        }
        throttle.attempt(Throttle.Limit.REGISTRATION_PER_IP, request.getRemoteAddr());
        String locale = RequestContextUtils.getLocale(request).getLanguage().equals("en") ? "en" : "nl";
        Long userId = registrations.register(
                new Registrations.Registration(
                        form.organisationName(),
                        form.kvkNumber(),
                        form.city(),
                        form.industry(),
                        form.employees(),
                        vendor.id(),
                        moduleIds,
                        form.firstName(),
                        form.lastName(),
                        form.email(),
                        form.jobTitle(),
                        form.phone(),
                        password,
                        locale),
                request.getRemoteAddr());
        session.setAttribute(SESSION_KEY, userId == null ? UNKNOWN : userId);
        session.setAttribute(FAKE_ATTEMPTS, 0);
        return "redirect:/register/confirm";
    }

    @GetMapping("/register/confirm")
    String codeForm(HttpSession session, Model model) {
        if (session.getAttribute(SESSION_KEY) == null) {
            return "redirect:/register";
        }
        model.addAttribute("view", new CodeView(null, FormErrors.none()));
        return "organisations/register-confirm";
    }

    @PostMapping("/register/confirm")
    @Transactional
    String confirm(
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpSession session,
            Model model) {
        Object pending = session.getAttribute(SESSION_KEY);
        if (!(pending instanceof Long userId)) {
            return "redirect:/register";
        }
        throttle.attempt(Throttle.Limit.CODE_ATTEMPT_PER_IP, request.getRemoteAddr());
        EmailCodes.Result result = userId == UNKNOWN ? fakeAttempt(session) : registrations.confirm(userId, code);
        if (result.outcome() == EmailCodes.Outcome.CONFIRMED) {
            session.removeAttribute(SESSION_KEY);
            return "redirect:/register/done";
        }
        FormErrors errors = FormErrors.none();
        switch (result.outcome()) {
            case WRONG -> errors.add("code", "code.wrong", result.attemptsLeft());
            case TOO_MANY_ATTEMPTS -> errors.add("code", "code.tooMany");
            default -> errors.add("code", "code.expired");
        }
        model.addAttribute("view", new CodeView(null, errors));
        return "organisations/register-confirm";
    }

    /** G4: an address with an account has no code; attempts fail exactly like wrong codes. */
    private static EmailCodes.Result fakeAttempt(HttpSession session) {
        int attempts = session.getAttribute(FAKE_ATTEMPTS) instanceof Integer i ? i + 1 : 1;
        session.setAttribute(FAKE_ATTEMPTS, attempts);
        int left = 5 - attempts;
        return new EmailCodes.Result(
                left > 0 ? EmailCodes.Outcome.WRONG : EmailCodes.Outcome.TOO_MANY_ATTEMPTS, null, Math.max(left, 0));
    }

    @PostMapping("/register/confirm/resend")
    @Transactional
    String resend(HttpSession session, Model model) {
        Object pending = session.getAttribute(SESSION_KEY);
        if (!(pending instanceof Long userId)) {
            return "redirect:/register";
        }
        throttle.attempt(Throttle.Limit.CODE_RESEND_PER_ACCOUNT, "registration:" + session.getId());
        boolean sent = userId == UNKNOWN || registrations.resendCode(userId);
        if (userId == UNKNOWN) {
            session.setAttribute(FAKE_ATTEMPTS, 0);
        }
        model.addAttribute("view", new CodeView(sent ? "code.resent" : "code.resendWait", FormErrors.none()));
        return "organisations/register-confirm";
    }

    @GetMapping("/register/done")
    String done() {
        return "organisations/register-done";
    }

    private FormErrors validate(VendorView vendor, Form f, String password) {
        FormErrors e = FormErrors.none();
        e.check(
                f.organisationName().isEmpty() || f.organisationName().length() > 150,
                "organisationName",
                "form.required");
        e.check(!f.kvkNumber().matches("^[0-9]{8}$"), "kvkNumber", "register.kvk.invalid");
        e.check(f.city().isEmpty() || f.city().length() > 80, "city", "form.required");
        e.check(!INDUSTRIES.contains(f.industry()), "industry", "register.choose");
        e.check(!EMPLOYEES.contains(f.employees()), "employees", "register.choose");
        Set<Long> offered =
                catalog.activeModules(vendor.id()).stream().map(ModuleView::id).collect(Collectors.toSet());
        e.check(f.moduleIds().isEmpty() || !offered.containsAll(f.moduleIds()), "modules", "register.modules.required");
        e.check(f.firstName().isEmpty() || f.firstName().length() > 80, "firstName", "form.required");
        e.check(f.lastName().isEmpty() || f.lastName().length() > 80, "lastName", "form.required");
        e.check(
                !f.email().matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
                        || f.email().length() > 200,
                "email",
                "form.email.invalid");
        e.check(f.jobTitle().isEmpty() || f.jobTitle().length() > 120, "jobTitle", "form.required");
        e.check(!f.phone().matches("^[0-9+()\\-\\s]{0,20}$"), "phone", "form.phone.invalid");
        accounts.passwordViolation(password, f.email()).ifPresent(key -> e.add("password", key, 12));
        e.check(!f.acceptTerms(), "acceptTerms", "register.acceptTerms.required");
        e.check(!f.acceptPrivacy(), "acceptPrivacy", "register.acceptPrivacy.required");
        return e;
    }

    private FormView view(VendorView vendor, Form form, FormErrors errors) {
        return new FormView(vendor, catalog.activeModules(vendor.id()), INDUSTRIES, EMPLOYEES, form, errors);
    }

    private VendorView vendorBySlug(String slug) {
        return catalog.activeVendors().stream()
                .filter(v -> v.slug().equals(slug))
                .findFirst()
                .orElseThrow(NotFoundException::new);
    }
}
