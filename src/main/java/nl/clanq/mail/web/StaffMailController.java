package nl.clanq.mail.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import nl.clanq.mail.internal.MailOutbox;
import nl.clanq.mail.internal.MailStatus;
import nl.clanq.mail.internal.OutboxEntry;
import nl.clanq.mail.internal.StoredMail;
import nl.clanq.shared.demo.DemoMode;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff pages of the outbox ({@code /staff/**} is for staff only, see WebSecurityConfig). Failed
 * and queued mail is always visible; the bodies only in demo mode, where they stand in for an SMTP
 * server and may be read, and never in production, where they hold people's codes and links.
 */
@Controller
@RequestMapping("/staff/mail")
class StaffMailController {

    static final int PAGE_SIZE = 25;
    private static final int MAX_PAGE = 10_000;

    /**
     * The HTML body is shown in a sandboxed frame from its own URL, with its own policy: inline
     * styles (every mail has them) but no scripts, forms, plugins or outside resources. A
     * {@code srcdoc} frame would inherit the page's policy, which rightly forbids inline styles.
     */
    static final String PREVIEW_POLICY = String.join(
            "; ",
            "default-src 'none'",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "form-action 'none'",
            "base-uri 'none'",
            "frame-ancestors 'self'",
            "sandbox allow-popups allow-popups-to-escape-sandbox");

    private static final List<MailStatus> NOT_SENT = List.of(MailStatus.FAILED, MailStatus.PENDING, MailStatus.SENDING);
    private static final List<MailStatus> SENT_OR_QUEUED =
            List.of(MailStatus.SENT, MailStatus.PENDING, MailStatus.SENDING);

    private final MailOutbox outbox;
    private final DemoMode demo;
    private final MessageSource messages;
    private final Clock clock;

    StaffMailController(MailOutbox outbox, DemoMode demo, MessageSource messages, Clock clock) {
        this.outbox = outbox;
        this.demo = demo;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping
    String outbox(@RequestParam(defaultValue = "0") int page, Locale locale, Model model) {
        Object flash = model.getAttribute("flash");
        model.addAttribute("mails", list(NOT_SENT, page, locale, flash instanceof String s ? s : null));
        return "mail/outbox";
    }

    @PostMapping("/{id}/retry")
    String retry(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
        String flash =
                switch (outbox.retry(id, clock.instant())) {
                    case QUEUED -> {
                        String recipient =
                                outbox.find(id).map(m -> m.entry().recipient()).orElse("");
                        yield messages.getMessage("mail.staff.retry.done", new Object[] {recipient}, locale);
                    }
                    case NOT_FAILED -> messages.getMessage("mail.staff.retry.notFailed", null, locale);
                    case NOT_FOUND -> throw new NotFoundException();
                };
        redirect.addFlashAttribute("flash", flash);
        return "redirect:/staff/mail";
    }

    @GetMapping("/sent")
    String sent(@RequestParam(defaultValue = "0") int page, Locale locale, Model model) {
        demoOnly();
        model.addAttribute("mails", list(SENT_OR_QUEUED, page, locale, null));
        return "mail/sent";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Locale locale, Model model) {
        demoOnly();
        StoredMail mail = outbox.find(id).orElseThrow(NotFoundException::new);
        model.addAttribute(
                "detail",
                new MailDetailView(MailRow.of(mail.entry(), locale), mail.bodyText(), "/staff/mail/" + id + "/html"));
        return "mail/detail";
    }

    @GetMapping("/{id}/html")
    @ResponseBody
    ResponseEntity<String> html(@PathVariable long id) {
        demoOnly();
        StoredMail mail = outbox.find(id).orElseThrow(NotFoundException::new);
        // Spring Security keeps a policy set here. It still adds "X-Frame-Options: DENY", but
        // browsers ignore that header when the policy has frame-ancestors, as this one does.
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", PREVIEW_POLICY)
                .body(mail.bodyHtml());
    }

    private MailListView list(List<MailStatus> statuses, int page, Locale locale, String flash) {
        int current = Math.clamp(page, 0, MAX_PAGE);
        List<OutboxEntry> entries = outbox.list(statuses, current * PAGE_SIZE, PAGE_SIZE + 1);
        List<MailRow> rows = entries.stream()
                .limit(PAGE_SIZE)
                .map(e -> MailRow.of(e, locale))
                .toList();
        return new MailListView(rows, current, current > 0, entries.size() > PAGE_SIZE, demo.isOn(), flash);
    }

    private void demoOnly() {
        if (!demo.isOn()) {
            throw new NotFoundException();
        }
    }
}
