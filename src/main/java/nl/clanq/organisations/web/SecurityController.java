package nl.clanq.organisations.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.TwoFactor;
import nl.clanq.organisations.Organisations;
import nl.clanq.organisations.Owner;
import nl.clanq.organisations.OwnerCheck;
import nl.clanq.organisations.SecurityPolicies;
import nl.clanq.organisations.Views.PersonView;
import nl.clanq.shared.web.FormErrors;
import nl.clanq.shared.web.UiAdvice;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Security pages: every person's overview (their two-step state, sessions, the organisation's
 * policy), and the owner's policy page with the emergency lock (S3, S4, S5, S10, G2).
 */
@Controller
public class SecurityController {

    private final OwnerCheck ownerCheck;
    private final Organisations organisations;
    private final SecurityPolicies policies;
    private final TwoFactor twoFactor;

    SecurityController(
            OwnerCheck ownerCheck, Organisations organisations, SecurityPolicies policies, TwoFactor twoFactor) {
        this.ownerCheck = ownerCheck;
        this.organisations = organisations;
        this.policies = policies;
        this.twoFactor = twoFactor;
    }

    public record OverviewView(boolean twoFactorOn, SecurityPolicies.Policy policy, boolean owner) {}

    public record MemberTwoFactor(PersonView person, boolean on) {}

    public record PolicyView(
            SecurityPolicies.Policy policy,
            String ipAllowListText,
            String currentAddress,
            List<MemberTwoFactor> members,
            boolean warnOwnAddress,
            FormErrors errors) {}

    @GetMapping("/account/security")
    String overview(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        SecurityPolicies.Policy policy = policies.policyOfUser(principal.id()).orElse(null);
        boolean owner = organisations.ownedBy(principal.id()).isPresent();
        model.addAttribute("view", new OverviewView(twoFactor.isOn(principal.id()), policy, owner));
        return "organisations/security-overview";
    }

    @GetMapping("/organisation/security")
    String policy(@AuthenticationPrincipal ClanqPrincipal principal, HttpServletRequest request, Model model) {
        Owner owner = ownerCheck.require(principal.id());
        SecurityPolicies.Policy p = policies.policy(owner.organisationId());
        model.addAttribute(
                "view", view(owner, p, String.join("\n", p.ipAllowList()), request, false, FormErrors.none()));
        return "organisations/owner-security";
    }

    private PolicyView view(
            Owner owner,
            SecurityPolicies.Policy p,
            String listText,
            HttpServletRequest request,
            boolean warn,
            FormErrors errors) {
        List<PersonView> people = organisations.people(owner.organisationId());
        var on = twoFactor.isOn(people.stream().map(PersonView::userId).toList());
        return new PolicyView(
                p,
                listText,
                request.getRemoteAddr(),
                people.stream()
                        .map(x -> new MemberTwoFactor(x, on.getOrDefault(x.userId(), false)))
                        .toList(),
                warn,
                errors);
    }

    @PostMapping("/organisation/security")
    @Transactional
    String save(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "false") boolean requireTwoFactor,
            @RequestParam(defaultValue = "") String ipAllowList,
            @RequestParam(defaultValue = "60") String idleMinutes,
            @RequestParam(defaultValue = "false") boolean confirmOwnAddress,
            HttpServletRequest request,
            RedirectAttributes redirect,
            Model model) {
        Owner owner = ownerCheck.require(principal.id());
        FormErrors errors = FormErrors.none();
        List<String> ranges = new ArrayList<>();
        for (String line :
                Arrays.stream(ipAllowList.split("[\\n,;]+")).map(String::strip).toList()) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                new IpAddressMatcher(line).matches("127.0.0.1");
                if (!line.matches("^[0-9a-fA-F:.]+(/\\d{1,3})?$")) {
                    throw new IllegalArgumentException(line);
                }
                ranges.add(line);
            } catch (IllegalArgumentException e) {
                errors.add("ipAllowList", "security.ip.invalid", line);
                break;
            }
        }
        errors.check(ranges.size() > 50, "ipAllowList", "security.ip.tooMany", 50);
        int minutes = 0;
        try {
            minutes = Integer.parseInt(idleMinutes.strip());
        } catch (NumberFormatException e) {
            minutes = -1;
        }
        errors.check(minutes < 5 || minutes > 480, "idleMinutes", "security.idle.range", 5, 480);
        // The owner would lock themselves out of their own pages otherwise.
        errors.check(
                requireTwoFactor && !twoFactor.isOn(owner.userId()),
                "requireTwoFactor",
                "security.requireTwoFactor.ownerFirst");
        SecurityPolicies.Settings settings =
                new SecurityPolicies.Settings(requireTwoFactor, ranges, Math.max(minutes, 5));
        SecurityPolicies.Policy proposed = new SecurityPolicies.Policy(
                owner.organisationId(), requireTwoFactor, ranges, settings.idleMinutes(), null);
        boolean excludesOwner = errors.isEmpty() && !proposed.allows(request.getRemoteAddr());
        if (errors.any() || (excludesOwner && !confirmOwnAddress)) {
            model.addAttribute("view", view(owner, proposed, ipAllowList, request, excludesOwner, errors));
            return "organisations/owner-security";
        }
        policies.update(owner, settings);
        redirect.addFlashAttribute(UiAdvice.FLASH, "security.saved");
        return "redirect:/organisation/security";
    }

    @PostMapping("/organisation/security/end-sessions")
    @Transactional
    String endSessions(@AuthenticationPrincipal ClanqPrincipal principal) {
        policies.endAllSessions(ownerCheck.require(principal.id()));
        return "redirect:/login?ended";
    }

    @PostMapping("/organisation/security/lock")
    @Transactional
    String lock(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(name = "lockPassword", defaultValue = "") String password,
            HttpServletRequest request,
            Model model) {
        Owner owner = ownerCheck.require(principal.id());
        if (policies.lock(owner, password) == SecurityPolicies.LockOutcome.WRONG_PASSWORD) {
            SecurityPolicies.Policy p = policies.policy(owner.organisationId());
            model.addAttribute(
                    "view",
                    view(
                            owner,
                            p,
                            String.join("\n", p.ipAllowList()),
                            request,
                            false,
                            FormErrors.none().add("lockPassword", "password.currentWrong")));
            return "organisations/owner-security";
        }
        return "redirect:/login/refused/locked";
    }
}
