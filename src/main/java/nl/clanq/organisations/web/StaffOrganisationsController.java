package nl.clanq.organisations.web;

import java.util.List;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.organisations.Governance;
import nl.clanq.organisations.Organisations;
import nl.clanq.organisations.Registrations;
import nl.clanq.organisations.Views.Application;
import nl.clanq.organisations.Views.LicenceRequestView;
import nl.clanq.organisations.Views.LicenceView;
import nl.clanq.organisations.Views.MembershipView;
import nl.clanq.organisations.Views.OrganisationView;
import nl.clanq.organisations.Views.PersonView;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.web.FormErrors;
import nl.clanq.shared.web.UiAdvice;
import org.springframework.jdbc.core.simple.JdbcClient;
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
 * Staff pages for organisations: the approval queue (C3), licence requests, organisation details,
 * and the recorded succession procedure (G3) — the only staff action that changes an owner.
 */
@Controller
public class StaffOrganisationsController {

    private final Registrations registrations;
    private final Organisations organisations;
    private final Governance governance;
    private final JdbcClient jdbc;

    StaffOrganisationsController(
            Registrations registrations, Organisations organisations, Governance governance, JdbcClient jdbc) {
        this.registrations = registrations;
        this.organisations = organisations;
        this.governance = governance;
        this.jdbc = jdbc;
    }

    public record DashboardView(int applications, int licenceRequests, long organisations) {}

    public record QueueView(List<Application> applications, Long rejectId, FormErrors errors) {}

    public record OrganisationRow(long id, String name, String city, String kvkNumber, String owner, String vendors) {}

    public record ListView(String q, List<OrganisationRow> rows) {}

    public record Membership(MembershipView membership, List<LicenceView> licences) {}

    public record DetailView(
            OrganisationView organisation, String ownerName, List<PersonView> people, List<Membership> memberships) {}

    public record SuccessionView(
            OrganisationView organisation, String ownerName, List<PersonView> candidates, FormErrors errors) {}

    public record RequestsView(List<LicenceRequestView> requests) {}

    @GetMapping("/staff")
    String dashboard(Model model) {
        model.addAttribute(
                "view",
                new DashboardView(
                        registrations.queue().size(),
                        governance.licenceRequests("PENDING", null).size(),
                        jdbc.sql("select count(*) from organisation")
                                .query(Long.class)
                                .single()));
        return "organisations/staff-dashboard";
    }

    @GetMapping("/staff/registrations")
    String queue(Model model) {
        model.addAttribute("view", new QueueView(registrations.queue(), null, FormErrors.none()));
        return "organisations/staff-queue";
    }

    @PostMapping("/staff/registrations/{membershipId}/approve")
    @Transactional
    String approve(
            @AuthenticationPrincipal ClanqPrincipal staff,
            @PathVariable long membershipId,
            RedirectAttributes redirect) {
        registrations.approve(membershipId, staff.id(), label(staff));
        redirect.addFlashAttribute(UiAdvice.FLASH, "staff.queue.approved");
        return "redirect:/staff/registrations";
    }

    @PostMapping("/staff/registrations/{membershipId}/reject")
    @Transactional
    String reject(
            @AuthenticationPrincipal ClanqPrincipal staff,
            @PathVariable long membershipId,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect,
            Model model) {
        if (reason.isBlank() || reason.length() > 2000) {
            model.addAttribute(
                    "view",
                    new QueueView(
                            registrations.queue(),
                            membershipId,
                            FormErrors.none().add("reason-" + membershipId, "staff.queue.reasonRequired")));
            return "organisations/staff-queue";
        }
        registrations.reject(membershipId, reason.strip(), staff.id(), label(staff));
        redirect.addFlashAttribute(UiAdvice.FLASH, "staff.queue.rejected");
        return "redirect:/staff/registrations";
    }

    @GetMapping("/staff/organisations")
    String list(@RequestParam(defaultValue = "") String q, Model model) {
        String like = "%" + q.strip().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%";
        List<OrganisationRow> rows = jdbc.sql(
                        """
                        select o.id, o.name, o.city, o.kvk_number, u.first_name || ' ' || u.last_name as owner,
                               coalesce((select string_agg(v.name || ' (' || m.status || ')', ', ' order by v.name)
                                         from membership m join vendor v on v.id = m.vendor_id
                                         where m.organisation_id = o.id), '') as vendors
                        from organisation o join app_user u on u.id = o.owner_user_id
                        where lower(o.name) like ? or o.kvk_number like ? or lower(o.city) like ?
                        order by lower(o.name) limit 200""")
                .params(like, like, like)
                .query(Rows.of(OrganisationRow.class))
                .list();
        model.addAttribute("view", new ListView(q, rows));
        return "organisations/staff-organisations";
    }

    @GetMapping("/staff/organisations/{id}")
    String detail(@PathVariable long id, Model model) {
        OrganisationView o = organisations.get(id);
        List<PersonView> people = organisations.people(id);
        model.addAttribute(
                "view",
                new DetailView(
                        o,
                        ownerName(people),
                        people,
                        organisations.memberships(id).stream()
                                .map(m -> new Membership(m, organisations.licences(m.id())))
                                .toList()));
        return "organisations/staff-organisation";
    }

    @GetMapping("/staff/organisations/{id}/succession")
    String successionForm(@PathVariable long id, Model model) {
        model.addAttribute("view", successionView(id, FormErrors.none()));
        return "organisations/staff-succession";
    }

    private SuccessionView successionView(long id, FormErrors errors) {
        OrganisationView o = organisations.get(id);
        List<PersonView> people = organisations.people(id);
        return new SuccessionView(
                o, ownerName(people), people.stream().filter(p -> !p.owner()).toList(), errors);
    }

    /** G3: reason, evidence and the new owner are required; the act is recorded and audited. */
    @PostMapping("/staff/organisations/{id}/succession")
    @Transactional
    String succession(
            @AuthenticationPrincipal ClanqPrincipal staff,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String evidence,
            @RequestParam(required = false) Long newOwner,
            @RequestParam(defaultValue = "") String inviteEmail,
            RedirectAttributes redirect,
            Model model) {
        FormErrors e = FormErrors.none();
        Governance.SuccessionReason r = null;
        try {
            r = Governance.SuccessionReason.valueOf(reason);
        } catch (IllegalArgumentException ex) {
            e.add("reason", "staff.succession.reasonRequired");
        }
        e.check(evidence.strip().length() < 20, "evidence", "staff.succession.evidenceRequired");
        String email = Accounts.normaliseEmail(inviteEmail);
        boolean byEmail = !email.isEmpty();
        e.check(newOwner == null && !byEmail, "newOwner", "staff.succession.newOwnerRequired");
        e.check(newOwner != null && byEmail, "newOwner", "staff.succession.oneOwner");
        e.check(byEmail && !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"), "inviteEmail", "form.email.invalid");
        if (e.any()) {
            model.addAttribute("view", successionView(id, e));
            return "organisations/staff-succession";
        }
        governance.recordSuccession(
                id, r, evidence.strip(), byEmail ? null : newOwner, email, staff.id(), label(staff));
        redirect.addFlashAttribute(UiAdvice.FLASH, "staff.succession.done");
        return "redirect:/staff/organisations/" + id;
    }

    @GetMapping("/staff/licence-requests")
    String requests(Model model) {
        model.addAttribute("view", new RequestsView(governance.licenceRequests("PENDING", null)));
        return "organisations/staff-licence-requests";
    }

    @PostMapping("/staff/licence-requests/{id}")
    @Transactional
    String decide(
            @AuthenticationPrincipal ClanqPrincipal staff,
            @PathVariable long id,
            @RequestParam boolean approve,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        governance.decideLicenceChange(id, approve, note.strip(), staff.id(), label(staff));
        redirect.addFlashAttribute(UiAdvice.FLASH, approve ? "staff.licences.approved" : "staff.licences.rejected");
        return "redirect:/staff/licence-requests";
    }

    private static String ownerName(List<PersonView> people) {
        return people.stream()
                .filter(PersonView::owner)
                .map(PersonView::name)
                .findFirst()
                .orElse("");
    }

    private static String label(ClanqPrincipal staff) {
        return staff.displayName() + " <" + staff.email() + ">";
    }
}
