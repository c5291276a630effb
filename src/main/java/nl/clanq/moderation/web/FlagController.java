package nl.clanq.moderation.web;

import java.util.List;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.moderation.Flags;
import nl.clanq.moderation.Flags.Reason;
import nl.clanq.moderation.Flags.Target;
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

/** C10: a member reports a post, topic, profile or message to Clanqbeheer with a reason. */
@Controller
public class FlagController {

    private final Flags flags;

    FlagController(Flags flags) {
        this.flags = flags;
    }

    public record FlagView(Target target, List<Reason> reasons, String reason, String text, FormErrors errors) {}

    @GetMapping("/flags/new")
    String form(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam String type,
            @RequestParam long id,
            Model model) {
        Target target = flags.target(principal.id(), principal.isStaff(), Flags.TargetType.parse(type), id);
        model.addAttribute("view", new FlagView(target, List.of(Reason.values()), "", "", FormErrors.none()));
        return "moderation/flag";
    }

    @PostMapping("/flags")
    @Transactional
    String report(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam String type,
            @RequestParam long id,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String text,
            Model model,
            RedirectAttributes redirect) {
        Target target = flags.target(principal.id(), principal.isStaff(), Flags.TargetType.parse(type), id);
        Reason chosen = null;
        for (Reason r : Reason.values()) {
            if (r.name().equals(reason)) {
                chosen = r;
            }
        }
        FormErrors errors = FormErrors.none();
        errors.check(chosen == null, "reason", "moderation.flag.reasonRequired");
        errors.check(chosen == Reason.OTHER && text.isBlank(), "text", "moderation.flag.textRequired");
        errors.check(text.length() > Flags.TEXT_MAX, "text", "form.tooLong", Flags.TEXT_MAX);
        if (errors.any()) {
            model.addAttribute("view", new FlagView(target, List.of(Reason.values()), reason, text, errors));
            return "moderation/flag";
        }
        Flags.Outcome outcome = flags.report(
                principal.id(), principal.displayName() + " <" + principal.email() + ">", target, chosen, text);
        redirect.addFlashAttribute(
                UiAdvice.FLASH,
                outcome == Flags.Outcome.REPORTED ? "moderation.flag.thanks" : "moderation.flag.already");
        return "redirect:" + target.path();
    }
}
