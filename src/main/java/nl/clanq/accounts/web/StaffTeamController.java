package nl.clanq.accounts.web;

import java.util.List;
import java.util.Locale;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.InvalidTeamChange;
import nl.clanq.accounts.StaffRole;
import nl.clanq.accounts.StaffTeam;
import nl.clanq.shared.web.FormErrors;
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
 * C10: the staff team, for administrators only (everyone else gets 404): who is on it, adding a
 * moderator or administrator, changing a role, removing someone.
 */
@Controller
public class StaffTeamController {

    static final String PAGE = "accounts/staff-team";

    private final StaffTeam team;

    StaffTeamController(StaffTeam team) {
        this.team = team;
    }

    /** The form to add someone, as typed. */
    public record AddForm(String firstName, String lastName, String email, String role, String language) {

        static AddForm empty(Locale locale) {
            return new AddForm("", "", "", "", "en".equals(locale.getLanguage()) ? "en" : "nl");
        }
    }

    public record TeamView(
            List<StaffTeam.Member> members, long viewerId, AddForm add, FormErrors errors, long validityHours) {

        /** The field of a refused act on the person {@code userId}, next to their row. */
        public static String memberField(long userId) {
            return "member-" + userId;
        }
    }

    @GetMapping("/staff/team")
    String team(@AuthenticationPrincipal ClanqPrincipal principal, Locale locale, Model model) {
        StaffTeam.Actor.of(principal);
        return page(principal, AddForm.empty(locale), FormErrors.none(), model);
    }

    @PostMapping("/staff/team")
    String add(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "") String firstName,
            @RequestParam(defaultValue = "") String lastName,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(defaultValue = "") String language,
            RedirectAttributes redirect,
            Model model) {
        StaffTeam.Actor actor = StaffTeam.Actor.of(principal);
        AddForm form = new AddForm(firstName, lastName, email, role, language);
        try {
            team.add(actor, new StaffTeam.Newcomer(firstName, lastName, email, role(role), language));
        } catch (InvalidTeamChange e) {
            FormErrors errors = FormErrors.none();
            e.problems().forEach(errors::add);
            return page(principal, form, errors, model);
        }
        redirect.addFlashAttribute(UiAdvice.FLASH, "team.added");
        return "redirect:/staff/team";
    }

    @PostMapping("/staff/team/{userId}/role")
    String changeRole(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long userId,
            @RequestParam(defaultValue = "") String role,
            Locale locale,
            RedirectAttributes redirect,
            Model model) {
        StaffTeam.Actor actor = StaffTeam.Actor.of(principal);
        boolean changed;
        try {
            changed = team.changeRole(actor, userId, role(role));
        } catch (InvalidTeamChange e) {
            return refused(principal, userId, e, locale, model);
        }
        redirect.addFlashAttribute(UiAdvice.FLASH, changed ? "team.role.changed" : "team.role.unchanged");
        return "redirect:/staff/team";
    }

    @PostMapping("/staff/team/{userId}/remove")
    String remove(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long userId,
            Locale locale,
            RedirectAttributes redirect,
            Model model) {
        StaffTeam.Actor actor = StaffTeam.Actor.of(principal);
        try {
            team.remove(actor, userId);
        } catch (InvalidTeamChange e) {
            return refused(principal, userId, e, locale, model);
        }
        redirect.addFlashAttribute(UiAdvice.FLASH, "team.removed");
        return "redirect:/staff/team";
    }

    private String refused(ClanqPrincipal principal, long userId, InvalidTeamChange e, Locale locale, Model model) {
        FormErrors errors = FormErrors.none();
        e.problems().values().forEach(key -> errors.add(TeamView.memberField(userId), key));
        return page(principal, AddForm.empty(locale), errors, model);
    }

    private String page(ClanqPrincipal principal, AddForm form, FormErrors errors, Model model) {
        model.addAttribute(
                "view",
                new TeamView(team.members(), principal.id(), form, errors, StaffTeam.INVITATION_VALIDITY.toHours()));
        return PAGE;
    }

    private static StaffRole role(String value) {
        try {
            return StaffRole.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
