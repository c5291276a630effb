package nl.clanq.audit.web;

import java.util.LinkedHashMap;
import java.util.Map;
import nl.clanq.audit.AuditFilter;
import nl.clanq.audit.AuditPage;
import nl.clanq.audit.AuditTrail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff view of the whole audit log (S8); {@code /staff/**} is for staff only and 404 for anyone else. */
@Controller
class StaffAuditController {

    static final String PATH = "/staff/audit";

    private final AuditTrail trail;

    StaffAuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping(PATH)
    String log(AuditFilterForm form, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        AuditFilter filter = form.toFilter(errors);
        AuditPage page = trail.entries(filter, form.pageNumber());
        String query = AuditFilterForm.queryOf(filter);
        String pageHref = PATH + "?" + (query.isEmpty() ? "" : query + "&");
        model.addAttribute("view", new StaffAuditView(form, errors, page, pageHref));
        return "audit/staff-log";
    }
}
