package nl.clanq.audit.web;

import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.audit.AuditFilter;
import nl.clanq.audit.AuditPage;
import nl.clanq.audit.AuditTrail;
import nl.clanq.organisations.Owner;
import nl.clanq.organisations.OwnerCheck;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** S8: the owner reads their own organisation's audit entries; anyone else gets 404 (G2). */
@Controller
public class OwnerAuditController {

    private final OwnerCheck ownerCheck;
    private final AuditTrail audit;

    OwnerAuditController(OwnerCheck ownerCheck, AuditTrail audit) {
        this.ownerCheck = ownerCheck;
        this.audit = audit;
    }

    public record OwnerAuditView(AuditPage entries) {}

    @GetMapping("/organisation/audit")
    String audit(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        Owner owner = ownerCheck.require(principal.id());
        model.addAttribute(
                "view", new OwnerAuditView(audit.forOrganisation(owner.organisationId(), AuditFilter.none(), page)));
        return "audit/owner-log";
    }
}
