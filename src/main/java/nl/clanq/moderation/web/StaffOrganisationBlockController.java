package nl.clanq.moderation.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.moderation.BlockedMember;
import nl.clanq.moderation.InvalidSanction;
import nl.clanq.moderation.MemberRecord.Block;
import nl.clanq.moderation.Sanctions;
import nl.clanq.moderation.StaffActor;
import nl.clanq.organisations.Organisations;
import nl.clanq.organisations.Views.OrganisationView;
import nl.clanq.shared.web.FormErrors;
import nl.clanq.shared.web.NotFoundException;
import nl.clanq.shared.web.UiAdvice;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * C10: administrators block a whole organisation, or lift its block. The staff organisation page
 * loads the panel as an htmx fragment; without htmx it is a page of its own. Moderators get 404
 * (here from the security configuration, and from {@link Sanctions} itself).
 */
@Controller
public class StaffOrganisationBlockController {

    private final Sanctions sanctions;
    private final Organisations organisations;

    StaffOrganisationBlockController(Sanctions sanctions, Organisations organisations) {
        this.sanctions = sanctions;
        this.organisations = organisations;
    }

    public record OrganisationBlockView(
            OrganisationView organisation,
            Block block,
            List<BlockedMember> blockedMembers,
            BlockForm form,
            String liftReason,
            FormErrors errors) {}

    @GetMapping("/staff/organisations/{id}/block")
    String panel(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long id,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        requireAdministrator(principal);
        model.addAttribute("view", view(id, BlockForm.empty(), "", FormErrors.none()));
        return "true".equals(htmx) ? "moderation/fragments/organisation-block" : "moderation/staff-organisation-block";
    }

    @PostMapping("/staff/organisations/{id}/block")
    String block(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String until,
            @RequestParam(defaultValue = "false") boolean indefinite,
            RedirectAttributes redirect,
            Model model) {
        StaffActor actor = requireAdministrator(principal);
        BlockForm form = new BlockForm(reason, until, indefinite);
        FormErrors errors = FormErrors.none();
        LocalDate date = form.untilDate(errors);
        errors.check(reason.isBlank(), BlockForm.REASON, "sanctions.reason.required");
        if (errors.any()) {
            model.addAttribute("view", view(id, form, "", errors));
            return "moderation/staff-organisation-block";
        }
        try {
            sanctions.blockOrganisation(actor, id, reason, date);
        } catch (InvalidSanction e) {
            model.addAttribute(
                    "view",
                    view(
                            id,
                            form,
                            "",
                            SanctionErrors.of(e, Map.of("reason", BlockForm.REASON, "until", BlockForm.UNTIL))));
            return "moderation/staff-organisation-block";
        }
        redirect.addFlashAttribute(UiAdvice.FLASH, "sanctions.organisation.blocked");
        return "redirect:/staff/organisations/" + id;
    }

    @PostMapping("/staff/organisations/{id}/unblock")
    String unblock(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect,
            Model model) {
        StaffActor actor = requireAdministrator(principal);
        try {
            sanctions.unblockOrganisation(actor, id, reason);
        } catch (InvalidSanction e) {
            model.addAttribute(
                    "view", view(id, BlockForm.empty(), reason, SanctionErrors.of(e, Map.of("reason", "liftReason"))));
            return "moderation/staff-organisation-block";
        }
        redirect.addFlashAttribute(UiAdvice.FLASH, "sanctions.organisation.unblocked");
        return "redirect:/staff/organisations/" + id;
    }

    private OrganisationBlockView view(long id, BlockForm form, String liftReason, FormErrors errors) {
        OrganisationView organisation = organisations.get(id);
        return new OrganisationBlockView(
                organisation,
                sanctions.organisationBlock(id).orElse(null),
                sanctions.blockedMembers(id),
                form,
                liftReason,
                errors);
    }

    private static StaffActor requireAdministrator(ClanqPrincipal principal) {
        StaffActor actor = StaffActor.of(principal);
        if (!actor.administrator()) {
            throw new NotFoundException();
        }
        return actor;
    }
}
