package nl.clanq.organisations.web;

import java.util.List;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.organisations.SecurityPolicies;
import nl.clanq.organisations.Views.OrganisationView;
import nl.clanq.shared.web.FormErrors;
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

/** S10: locked organisations, and lifting a lock after recording how the owner was verified. */
@Controller
public class StaffLocksController {

    private final SecurityPolicies policies;

    StaffLocksController(SecurityPolicies policies) {
        this.policies = policies;
    }

    public record LocksView(List<OrganisationView> locked, Long failedId, FormErrors errors) {}

    @GetMapping("/staff/locks")
    String locks(Model model) {
        model.addAttribute("view", new LocksView(policies.lockedOrganisations(), null, FormErrors.none()));
        return "organisations/staff-locks";
    }

    @PostMapping("/staff/organisations/{id}/unlock")
    @Transactional
    String lift(
            @AuthenticationPrincipal ClanqPrincipal staff,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String verifiedPerson,
            @RequestParam(defaultValue = "") String verification,
            RedirectAttributes redirect,
            Model model) {
        FormErrors errors = FormErrors.none();
        errors.check(verifiedPerson.isBlank(), "verifiedPerson", "staff.locks.personRequired");
        errors.check(verification.strip().length() < 20, "verification", "staff.locks.verificationRequired");
        if (errors.any()) {
            model.addAttribute("view", new LocksView(policies.lockedOrganisations(), id, errors));
            return "organisations/staff-locks";
        }
        policies.lift(
                id,
                verifiedPerson.strip(),
                verification.strip(),
                staff.id(),
                staff.displayName() + " <" + staff.email() + ">");
        redirect.addFlashAttribute(UiAdvice.FLASH, "staff.locks.lifted");
        return "redirect:/staff/locks";
    }
}
