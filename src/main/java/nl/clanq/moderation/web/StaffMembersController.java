package nl.clanq.moderation.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.UserView;
import nl.clanq.moderation.InvalidSanction;
import nl.clanq.moderation.MemberRecord;
import nl.clanq.moderation.MemberRow;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * C10: staff (moderators and administrators) look up a member and see their standing: the block
 * in force, warnings and private staff notes; they block and unblock, warn and add notes. Staff
 * and unknown ids answer 404.
 */
@Controller
public class StaffMembersController {

    static final String PAGE = "moderation/staff-member";

    private final Sanctions sanctions;
    private final Accounts accounts;
    private final Organisations organisations;

    StaffMembersController(Sanctions sanctions, Accounts accounts, Organisations organisations) {
        this.sanctions = sanctions;
        this.accounts = accounts;
        this.organisations = organisations;
    }

    public record SearchView(String q, List<MemberRow> members) {}

    /** The warning form as typed; the subject starts prefilled. */
    public record WarningForm(String subject, String text) {}

    public record MemberPage(
            UserView member,
            OrganisationView organisation,
            MemberRecord record,
            BlockForm block,
            String liftReason,
            WarningForm warning,
            String note,
            FormErrors errors) {}

    @GetMapping("/staff/members")
    String search(@RequestParam(defaultValue = "") String q, Model model) {
        model.addAttribute("view", new SearchView(q, sanctions.findMembers(q)));
        return "moderation/staff-members";
    }

    @GetMapping("/staff/members/{userId}")
    String member(@PathVariable long userId, Model model) {
        return page(userId, model, BlockForm.empty(), "", null, "", FormErrors.none());
    }

    @PostMapping("/staff/members/{userId}/block")
    String block(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long userId,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String until,
            @RequestParam(defaultValue = "false") boolean indefinite,
            RedirectAttributes redirect,
            Model model) {
        StaffActor actor = StaffActor.of(principal);
        BlockForm form = new BlockForm(reason, until, indefinite);
        FormErrors errors = FormErrors.none();
        LocalDate date = form.untilDate(errors);
        errors.check(reason.isBlank(), BlockForm.REASON, "sanctions.reason.required");
        if (errors.any()) {
            return page(userId, model, form, "", null, "", errors);
        }
        try {
            sanctions.blockMember(actor, userId, reason, date);
        } catch (InvalidSanction e) {
            return page(
                    userId,
                    model,
                    form,
                    "",
                    null,
                    "",
                    SanctionErrors.of(e, Map.of("reason", BlockForm.REASON, "until", BlockForm.UNTIL)));
        }
        redirect.addFlashAttribute(UiAdvice.FLASH, "sanctions.member.blocked");
        return "redirect:/staff/members/" + userId;
    }

    @PostMapping("/staff/members/{userId}/unblock")
    String unblock(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long userId,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect,
            Model model) {
        StaffActor actor = StaffActor.of(principal);
        try {
            sanctions.unblockMember(actor, userId, reason);
        } catch (InvalidSanction e) {
            return page(
                    userId,
                    model,
                    BlockForm.empty(),
                    reason,
                    null,
                    "",
                    SanctionErrors.of(e, Map.of("reason", "liftReason")));
        }
        redirect.addFlashAttribute(UiAdvice.FLASH, "sanctions.member.unblocked");
        return "redirect:/staff/members/" + userId;
    }

    @PostMapping("/staff/members/{userId}/warnings")
    String warn(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long userId,
            @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String text,
            RedirectAttributes redirect,
            Model model) {
        StaffActor actor = StaffActor.of(principal);
        try {
            sanctions.warn(actor, userId, subject, text, null);
        } catch (InvalidSanction e) {
            return page(
                    userId,
                    model,
                    BlockForm.empty(),
                    "",
                    new WarningForm(subject, text),
                    "",
                    SanctionErrors.of(e, Map.of("subject", "warningSubject", "text", "warningText")));
        }
        redirect.addFlashAttribute(UiAdvice.FLASH, "sanctions.member.warned");
        return "redirect:/staff/members/" + userId;
    }

    @PostMapping("/staff/members/{userId}/notes")
    String note(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long userId,
            @RequestParam(defaultValue = "") String text,
            RedirectAttributes redirect,
            Model model) {
        StaffActor actor = StaffActor.of(principal);
        try {
            sanctions.addNote(actor, userId, text);
        } catch (InvalidSanction e) {
            return page(
                    userId, model, BlockForm.empty(), "", null, text, SanctionErrors.of(e, Map.of("text", "noteText")));
        }
        redirect.addFlashAttribute(UiAdvice.FLASH, "sanctions.member.noted");
        return "redirect:/staff/members/" + userId;
    }

    private String page(
            long userId,
            Model model,
            BlockForm block,
            String liftReason,
            WarningForm warning,
            String note,
            FormErrors errors) {
        UserView member = accounts.find(userId).filter(u -> !u.staff()).orElseThrow(NotFoundException::new);
        model.addAttribute(
                "view",
                new MemberPage(
                        member,
                        organisations.ofUser(userId).orElse(null),
                        sanctions.record(userId),
                        block,
                        liftReason,
                        warning,
                        note,
                        errors));
        return PAGE;
    }
}
