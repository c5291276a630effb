package nl.clanq.organisations.web;

import jakarta.servlet.http.HttpServletRequest;
import nl.clanq.accounts.Accounts;
import nl.clanq.organisations.Seats;
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

/** C4: an invited person creates their account from the emailed link. */
@Controller
public class InviteController {

    private final Seats seats;
    private final Accounts accounts;

    InviteController(Seats seats, Accounts accounts) {
        this.seats = seats;
        this.accounts = accounts;
    }

    public record InviteView(
            String token,
            Seats.OpenInvitation invitation,
            boolean addressTaken,
            String firstName,
            String lastName,
            String jobTitle,
            FormErrors errors) {}

    @GetMapping("/invite/{token}")
    String form(@PathVariable String token, Model model) {
        Seats.OpenInvitation invitation = seats.open(token).orElse(null);
        if (invitation == null) {
            return "organisations/invite-invalid";
        }
        model.addAttribute(
                "view",
                new InviteView(token, invitation, accounts.exists(invitation.email()), "", "", "", FormErrors.none()));
        return "organisations/invite";
    }

    @PostMapping("/invite/{token}")
    @Transactional
    String accept(
            @PathVariable String token,
            @RequestParam(defaultValue = "") String firstName,
            @RequestParam(defaultValue = "") String lastName,
            @RequestParam(defaultValue = "") String jobTitle,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "false") boolean acceptTerms,
            @RequestParam(defaultValue = "false") boolean acceptPrivacy,
            HttpServletRequest request,
            Model model) {
        Seats.OpenInvitation invitation = seats.open(token).orElse(null);
        if (invitation == null) {
            return "organisations/invite-invalid";
        }
        if (accounts.exists(invitation.email())) {
            throw new NotFoundException();
        }
        FormErrors e = FormErrors.none();
        e.check(firstName.isBlank() || firstName.length() > 80, "firstName", "form.required");
        e.check(lastName.isBlank() || lastName.length() > 80, "lastName", "form.required");
        e.check(jobTitle.isBlank() || jobTitle.length() > 120, "jobTitle", "form.required");
        accounts.passwordViolation(password, invitation.email()).ifPresent(key -> e.add("password", key, 12));
        e.check(!acceptTerms, "acceptTerms", "register.acceptTerms.required");
        e.check(!acceptPrivacy, "acceptPrivacy", "register.acceptPrivacy.required");
        if (e.any()) {
            model.addAttribute("view", new InviteView(token, invitation, false, firstName, lastName, jobTitle, e));
            return "organisations/invite";
        }
        String locale = RequestContextUtils.getLocale(request).getLanguage().equals("en") ? "en" : "nl";
        seats.accept(
                token,
                new Seats.Acceptance(firstName.strip(), lastName.strip(), jobTitle.strip(), password, locale),
                request.getRemoteAddr());
        return "redirect:/login?welcome";
    }
}
