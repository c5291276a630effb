package nl.clanq.organisations.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.catalog.Catalog;
import nl.clanq.catalog.ModuleView;
import nl.clanq.catalog.VendorView;
import nl.clanq.organisations.Governance;
import nl.clanq.organisations.Organisations;
import nl.clanq.organisations.Owner;
import nl.clanq.organisations.OwnerCheck;
import nl.clanq.organisations.Seats;
import nl.clanq.organisations.Views.InvitationView;
import nl.clanq.organisations.Views.LicenceRequestView;
import nl.clanq.organisations.Views.LicenceView;
import nl.clanq.organisations.Views.MembershipView;
import nl.clanq.organisations.Views.OrganisationView;
import nl.clanq.organisations.Views.PersonView;
import nl.clanq.shared.throttle.Throttle;
import nl.clanq.shared.web.FormErrors;
import nl.clanq.shared.web.NotFoundException;
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

/**
 * G2, G5: the owner's pages. Every handler starts with {@link OwnerCheck#require}, so anyone but
 * the owner gets 404, whatever the link.
 */
@Controller
public class OwnerController {

    private final OwnerCheck ownerCheck;
    private final Organisations organisations;
    private final Seats seats;
    private final Governance governance;
    private final Catalog catalog;
    private final Throttle throttle;

    OwnerController(
            OwnerCheck ownerCheck,
            Organisations organisations,
            Seats seats,
            Governance governance,
            Catalog catalog,
            Throttle throttle) {
        this.ownerCheck = ownerCheck;
        this.organisations = organisations;
        this.seats = seats;
        this.governance = governance;
        this.catalog = catalog;
        this.throttle = throttle;
    }

    public record MembershipSeats(MembershipView membership, int taken, List<LicenceView> licences) {}

    public record OverviewView(
            OrganisationView organisation,
            List<PersonView> people,
            List<InvitationView> invitations,
            List<MembershipSeats> memberships,
            Map<Long, String> vendorNames,
            String inviteEmail,
            Long inviteMembershipId,
            FormErrors errors) {

        public String vendorOf(long membershipId) {
            return vendorNames.getOrDefault(membershipId, "");
        }
    }

    public record DetailsView(
            Governance.Details details, List<String> industries, List<String> employees, FormErrors errors) {}

    public record LicencesView(
            MembershipView membership,
            List<ModuleView> modules,
            Set<Long> current,
            List<LicenceRequestView> pending,
            FormErrors errors) {}

    public record TransferView(List<PersonView> candidates, FormErrors errors) {}

    public record CommunitiesView(
            List<MembershipView> memberships,
            List<VendorView> available,
            VendorView chosen,
            List<ModuleView> modules,
            FormErrors errors) {}

    @GetMapping("/organisation")
    String overview(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        Owner owner = ownerCheck.require(principal.id());
        model.addAttribute("view", overview(owner, "", null, FormErrors.none()));
        return "organisations/owner-overview";
    }

    private OverviewView overview(Owner owner, String email, Long membershipId, FormErrors errors) {
        List<MembershipView> memberships = organisations.memberships(owner.organisationId());
        List<MembershipSeats> seatsPerMembership = memberships.stream()
                .filter(MembershipView::active)
                .map(m -> new MembershipSeats(m, organisations.seatsTaken(m.id()), organisations.licences(m.id())))
                .toList();
        return new OverviewView(
                organisations.get(owner.organisationId()),
                organisations.people(owner.organisationId()),
                organisations.openInvitations(owner.organisationId()),
                seatsPerMembership,
                memberships.stream().collect(Collectors.toMap(MembershipView::id, MembershipView::vendorName)),
                email,
                membershipId,
                errors);
    }

    /** C4: the fourth seat is refused on the form, naming the limit. */
    @PostMapping("/organisation/invitations")
    @Transactional
    String invite(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "") String email,
            @RequestParam long membershipId,
            RedirectAttributes redirect,
            Model model) {
        Owner owner = ownerCheck.require(principal.id());
        FormErrors errors = FormErrors.none();
        String address = Accounts.normaliseEmail(email);
        if (!errors.check(!address.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"), "email", "form.email.invalid")) {
            throttle.attempt(Throttle.Limit.INVITE_PER_ACCOUNT, Long.toString(owner.userId()));
            MembershipView m = organisations
                    .membership(membershipId)
                    .filter(x -> x.organisationId() == owner.organisationId())
                    .orElseThrow(NotFoundException::new);
            switch (seats.invite(owner, membershipId, address)) {
                case SEATS_FULL -> errors.add("email", "owner.invite.seatsFull", m.seatLimit(), m.vendorName());
                case ALREADY_MEMBER -> errors.add("email", "owner.invite.alreadyMember");
                case ALREADY_INVITED -> errors.add("email", "owner.invite.alreadyInvited");
                case SENT -> {}
            }
        }
        if (errors.any()) {
            model.addAttribute("view", overview(owner, email, membershipId, errors));
            return "organisations/owner-overview";
        }
        redirect.addFlashAttribute(UiAdvice.FLASH, "owner.invite.sent");
        return "redirect:/organisation";
    }

    @PostMapping("/organisation/invitations/{id}/revoke")
    @Transactional
    String revoke(
            @AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id, RedirectAttributes redirect) {
        seats.revoke(ownerCheck.require(principal.id()), id);
        redirect.addFlashAttribute(UiAdvice.FLASH, "owner.invite.revoked");
        return "redirect:/organisation";
    }

    @PostMapping("/organisation/people/{userId}/remove")
    @Transactional
    String remove(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long userId,
            RedirectAttributes redirect,
            Model model) {
        Owner owner = ownerCheck.require(principal.id());
        if (userId == owner.userId()) {
            // G1: the owner cannot leave without transferring first.
            model.addAttribute(
                    "view", overview(owner, "", null, FormErrors.none().add("people", "owner.remove.owner")));
            return "organisations/owner-overview";
        }
        seats.remove(owner, userId);
        redirect.addFlashAttribute(UiAdvice.FLASH, "owner.remove.done");
        return "redirect:/organisation";
    }

    @PostMapping("/organisation/memberships/{membershipId}/seats/{userId}")
    @Transactional
    String assign(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long membershipId,
            @PathVariable long userId,
            @RequestParam boolean assigned,
            RedirectAttributes redirect,
            Model model) {
        Owner owner = ownerCheck.require(principal.id());
        if (!seats.assign(owner, membershipId, userId, assigned)) {
            MembershipView m = organisations.membership(membershipId).orElseThrow(NotFoundException::new);
            model.addAttribute(
                    "view",
                    overview(
                            owner,
                            "",
                            null,
                            FormErrors.none().add("people", "owner.invite.seatsFull", m.seatLimit(), m.vendorName())));
            return "organisations/owner-overview";
        }
        redirect.addFlashAttribute(UiAdvice.FLASH, "owner.seats.saved");
        return "redirect:/organisation";
    }

    @GetMapping("/organisation/details")
    String details(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        Owner owner = ownerCheck.require(principal.id());
        OrganisationView o = organisations.get(owner.organisationId());
        model.addAttribute(
                "view",
                new DetailsView(
                        new Governance.Details(o.name(), o.kvkNumber(), o.city(), o.industry(), o.employees()),
                        RegistrationController.INDUSTRIES,
                        RegistrationController.EMPLOYEES,
                        FormErrors.none()));
        return "organisations/owner-details";
    }

    @PostMapping("/organisation/details")
    @Transactional
    String saveDetails(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String kvkNumber,
            @RequestParam(defaultValue = "") String city,
            @RequestParam(defaultValue = "") String industry,
            @RequestParam(defaultValue = "") String employees,
            RedirectAttributes redirect,
            Model model) {
        Owner owner = ownerCheck.require(principal.id());
        Governance.Details d = new Governance.Details(
                name.strip(), kvkNumber.replaceAll("\\s", ""), city.strip(), industry, employees);
        FormErrors e = FormErrors.none();
        e.check(d.name().isEmpty() || d.name().length() > 150, "name", "form.required");
        e.check(!d.kvkNumber().matches("^[0-9]{8}$"), "kvkNumber", "register.kvk.invalid");
        e.check(d.city().isEmpty(), "city", "form.required");
        e.check(!RegistrationController.INDUSTRIES.contains(industry), "industry", "register.choose");
        e.check(!RegistrationController.EMPLOYEES.contains(employees), "employees", "register.choose");
        if (e.any()) {
            model.addAttribute(
                    "view", new DetailsView(d, RegistrationController.INDUSTRIES, RegistrationController.EMPLOYEES, e));
            return "organisations/owner-details";
        }
        governance.updateDetails(owner, d);
        redirect.addFlashAttribute(UiAdvice.FLASH, "owner.details.saved");
        return "redirect:/organisation/details";
    }

    @GetMapping("/organisation/memberships/{membershipId}/licences")
    String licences(@AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long membershipId, Model model) {
        Owner owner = ownerCheck.require(principal.id());
        model.addAttribute("view", licencesView(owner, membershipId, FormErrors.none()));
        return "organisations/owner-licences";
    }

    private LicencesView licencesView(Owner owner, long membershipId, FormErrors errors) {
        MembershipView m = organisations
                .membership(membershipId)
                .filter(x -> x.organisationId() == owner.organisationId() && x.active())
                .orElseThrow(NotFoundException::new);
        Set<Long> current = organisations.licences(membershipId).stream()
                .map(LicenceView::moduleId)
                .collect(Collectors.toSet());
        List<LicenceRequestView> pending = governance.licenceRequests("PENDING", owner.organisationId()).stream()
                .filter(r -> r.membershipId() == membershipId)
                .toList();
        return new LicencesView(m, catalog.activeModules(m.vendorId()), current, pending, errors);
    }

    @PostMapping("/organisation/memberships/{membershipId}/licences")
    @Transactional
    String requestLicences(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long membershipId,
            @RequestParam(name = "modules", required = false) List<Long> modules,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect,
            Model model) {
        Owner owner = ownerCheck.require(principal.id());
        Set<Long> wanted = modules == null ? Set.of() : Set.copyOf(modules);
        FormErrors e = FormErrors.none();
        e.check(wanted.isEmpty(), "modules", "register.modules.required");
        e.check(note.length() > 1000, "note", "form.tooLong", 1000);
        if (e.isEmpty() && !governance.requestLicenceChange(owner, membershipId, wanted, note.strip())) {
            e.add("modules", "owner.licences.unchanged");
        }
        if (e.any()) {
            model.addAttribute("view", licencesView(owner, membershipId, e));
            return "organisations/owner-licences";
        }
        redirect.addFlashAttribute(UiAdvice.FLASH, "owner.licences.requested");
        return "redirect:/organisation/memberships/" + membershipId + "/licences";
    }

    @GetMapping("/organisation/transfer")
    String transferForm(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        Owner owner = ownerCheck.require(principal.id());
        model.addAttribute("view", new TransferView(candidates(owner), FormErrors.none()));
        return "organisations/owner-transfer";
    }

    private List<PersonView> candidates(Owner owner) {
        return organisations.people(owner.organisationId()).stream()
                .filter(p -> !p.owner())
                .toList();
    }

    @PostMapping("/organisation/transfer")
    @Transactional
    String transfer(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(required = false) Long newOwner,
            @RequestParam(defaultValue = "") String password,
            RedirectAttributes redirect,
            Model model) {
        Owner owner = ownerCheck.require(principal.id());
        FormErrors e = FormErrors.none();
        if (!e.check(newOwner == null, "newOwner", "owner.transfer.choose")
                && governance.transfer(owner, newOwner, password) == Governance.TransferOutcome.WRONG_PASSWORD) {
            e.add("password", "password.currentWrong");
        }
        if (e.any()) {
            model.addAttribute("view", new TransferView(candidates(owner), e));
            return "organisations/owner-transfer";
        }
        redirect.addFlashAttribute(UiAdvice.FLASH, "owner.transfer.done");
        return "redirect:/start";
    }

    @GetMapping("/organisation/communities")
    String communities(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(required = false) Long vendor,
            Model model) {
        Owner owner = ownerCheck.require(principal.id());
        model.addAttribute("view", communitiesView(owner, vendor, FormErrors.none()));
        return "organisations/owner-communities";
    }

    private CommunitiesView communitiesView(Owner owner, Long vendorId, FormErrors errors) {
        List<MembershipView> memberships = organisations.memberships(owner.organisationId());
        Set<Long> taken = memberships.stream()
                .filter(m -> !"REJECTED".equals(m.status()))
                .map(MembershipView::vendorId)
                .collect(Collectors.toSet());
        List<VendorView> available = catalog.activeVendors().stream()
                .filter(v -> !taken.contains(v.id()))
                .filter(v -> !catalog.activeModules(v.id()).isEmpty())
                .toList();
        VendorView chosen = vendorId == null
                ? null
                : available.stream().filter(v -> v.id() == vendorId).findFirst().orElseThrow(NotFoundException::new);
        return new CommunitiesView(
                memberships,
                available,
                chosen,
                chosen == null ? List.of() : catalog.activeModules(chosen.id()),
                errors);
    }

    @PostMapping("/organisation/communities")
    @Transactional
    String apply(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam long vendor,
            @RequestParam(name = "modules", required = false) List<Long> modules,
            RedirectAttributes redirect,
            Model model) {
        Owner owner = ownerCheck.require(principal.id());
        if (modules == null || modules.isEmpty()) {
            model.addAttribute(
                    "view",
                    communitiesView(owner, vendor, FormErrors.none().add("modules", "register.modules.required")));
            return "organisations/owner-communities";
        }
        governance.applyForCommunity(owner, vendor, Set.copyOf(modules));
        redirect.addFlashAttribute(UiAdvice.FLASH, "owner.communities.applied");
        return "redirect:/organisation/communities";
    }
}
