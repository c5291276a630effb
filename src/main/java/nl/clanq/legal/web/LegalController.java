package nl.clanq.legal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.legal.Acceptances;
import nl.clanq.legal.LegalDocuments;
import nl.clanq.legal.LegalDocuments.Version;
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
 * The terms of use and the privacy statement: public (C11), with their history; the acceptance page
 * a person meets at their next request after a new version takes effect (B7); and publication by
 * administrators.
 */
@Controller
public class LegalController {

    private final LegalDocuments documents;
    private final Acceptances acceptances;

    LegalController(LegalDocuments documents, Acceptances acceptances) {
        this.documents = documents;
        this.acceptances = acceptances;
    }

    public record DocumentView(String document, Version version, List<Version> history) {}

    public record AcceptView(List<Version> toAccept, FormErrors errors) {}

    public record StaffView(
            List<Version> terms,
            List<Version> privacy,
            String document,
            String version,
            String summary,
            String body,
            String effective,
            FormErrors errors) {}

    @GetMapping({"/terms", "/privacy"})
    String current(HttpServletRequest request, Model model) {
        String document = document(request);
        Version v = documents.current(document).orElseThrow(NotFoundException::new);
        model.addAttribute("view", new DocumentView(document, v, documents.history(document)));
        return "legal/document";
    }

    @GetMapping({"/terms/versions/{id}", "/privacy/versions/{id}"})
    String version(@PathVariable long id, HttpServletRequest request, Model model) {
        String document = document(request);
        model.addAttribute(
                "view", new DocumentView(document, documents.version(document, id), documents.history(document)));
        return "legal/document";
    }

    private static String document(HttpServletRequest request) {
        return request.getRequestURI()
                        .substring(request.getContextPath().length())
                        .startsWith("/terms")
                ? "TERMS"
                : "PRIVACY";
    }

    @GetMapping("/legal/accept")
    String acceptForm(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        model.addAttribute("view", new AcceptView(toAccept(principal), FormErrors.none()));
        return "legal/accept";
    }

    private List<Version> toAccept(ClanqPrincipal principal) {
        return acceptances.missing(principal.id()).stream()
                .map(c -> documents.current(c.document()).orElseThrow())
                .toList();
    }

    @PostMapping("/legal/accept")
    @Transactional
    String accept(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "false") boolean accept,
            HttpServletRequest request,
            Model model) {
        if (!accept) {
            model.addAttribute(
                    "view",
                    new AcceptView(toAccept(principal), FormErrors.none().add("accept", "legal.accept.required")));
            return "legal/accept";
        }
        acceptances.acceptCurrent(principal.id(), request.getRemoteAddr());
        return principal.isStaff() ? "redirect:/staff" : "redirect:/start";
    }

    @GetMapping("/staff/legal")
    String staff(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        administrator(principal);
        model.addAttribute(
                "view",
                staffView("TERMS", "", "", "", LocalDate.now().plusDays(30).toString(), FormErrors.none()));
        return "legal/staff";
    }

    private StaffView staffView(
            String document, String version, String summary, String body, String effective, FormErrors errors) {
        return new StaffView(
                documents.history("TERMS"),
                documents.history("PRIVACY"),
                document,
                version,
                summary,
                body,
                effective,
                errors);
    }

    /** Only administrators publish legal documents; moderators and everyone else get 404. */
    private static void administrator(ClanqPrincipal principal) {
        if (!principal.isAdministrator()) {
            throw new NotFoundException();
        }
    }

    @PostMapping("/staff/legal")
    @Transactional
    String publish(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "TERMS") String document,
            @RequestParam(defaultValue = "") String version,
            @RequestParam(defaultValue = "") String summary,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "") String effective,
            RedirectAttributes redirect,
            Model model) {
        administrator(principal);
        FormErrors errors = FormErrors.none();
        errors.check(!document.equals("TERMS") && !document.equals("PRIVACY"), "document", "form.required");
        if (!errors.check(
                !version.strip().matches("^[0-9A-Za-z._-]{1,40}$"), "version", "legal.staff.version.invalid")) {
            errors.check(documents.versionTaken(document, version.strip()), "version", "legal.staff.version.taken");
        }
        errors.check(summary.isBlank() || summary.length() > 2000, "summary", "form.required");
        errors.check(body.isBlank() || body.length() > 100_000, "body", "form.required");
        OffsetDateTime effectiveAt = null;
        try {
            effectiveAt = LocalDate.parse(effective)
                    .atStartOfDay(ZoneId.of("Europe/Amsterdam"))
                    .toOffsetDateTime();
        } catch (RuntimeException e) {
            errors.add("effective", "legal.staff.effective.invalid");
        }
        if (errors.any()) {
            model.addAttribute("view", staffView(document, version, summary, body, effective, errors));
            return "legal/staff";
        }
        documents.publish(
                document,
                version.strip(),
                summary.strip(),
                body,
                effectiveAt,
                principal.id(),
                principal.displayName() + " <" + principal.email() + ">");
        redirect.addFlashAttribute(UiAdvice.FLASH, "legal.staff.published");
        return "redirect:/staff/legal";
    }
}
