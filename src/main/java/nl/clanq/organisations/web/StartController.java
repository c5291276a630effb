package nl.clanq.organisations.web;

import java.util.List;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.organisations.Organisations;
import nl.clanq.organisations.Views.LicenceView;
import nl.clanq.organisations.Views.MembershipView;
import nl.clanq.organisations.Views.OrganisationView;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** A member's start page, and the page that explains an application under review. */
@Controller
public class StartController {

    private final Organisations organisations;

    StartController(Organisations organisations) {
        this.organisations = organisations;
    }

    public record Community(MembershipView membership, List<LicenceView> licences) {}

    public record StartView(String name, OrganisationView organisation, boolean owner, List<Community> communities) {}

    public record PendingView(OrganisationView organisation, List<MembershipView> memberships) {}

    @GetMapping("/start")
    String start(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        if (principal.isStaff()) {
            return "redirect:/staff";
        }
        OrganisationView o = organisations.ofUser(principal.id()).orElse(null);
        if (o == null) {
            return "redirect:/pending";
        }
        List<Community> communities = organisations.memberships(o.id()).stream()
                .filter(MembershipView::active)
                .map(m -> new Community(m, organisations.licences(m.id())))
                .toList();
        model.addAttribute(
                "view", new StartView(principal.displayName(), o, o.ownerUserId() == principal.id(), communities));
        return "organisations/start";
    }

    @GetMapping("/pending")
    String pending(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        OrganisationView o = organisations.ofUser(principal.id()).orElse(null);
        model.addAttribute("view", new PendingView(o, o == null ? List.of() : organisations.memberships(o.id())));
        return "organisations/pending";
    }
}
