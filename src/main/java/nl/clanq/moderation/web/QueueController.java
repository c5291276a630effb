package nl.clanq.moderation.web;

import java.time.LocalDate;
import java.util.Map;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.forums.TopicModeration;
import nl.clanq.moderation.Flags;
import nl.clanq.moderation.InvalidSanction;
import nl.clanq.moderation.ReviewQueue;
import nl.clanq.moderation.ReviewQueue.Item;
import nl.clanq.moderation.StaffActor;
import nl.clanq.shared.web.FormErrors;
import nl.clanq.shared.web.NotFoundException;
import nl.clanq.shared.web.UiAdvice;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The staff review queue (C10, C13): moderators and administrators alike. */
@Controller
public class QueueController {

    private final ReviewQueue queue;
    private final Flags flags;

    QueueController(ReviewQueue queue, Flags flags) {
        this.queue = queue;
        this.flags = flags;
    }

    public record QueueView(ReviewQueue.Page page, boolean pending) {}

    @GetMapping("/staff/moderation")
    String list(
            @RequestParam(defaultValue = "pending") String status,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        boolean pending = !"handled".equals(status);
        model.addAttribute("view", new QueueView(queue.list(pending, page), pending));
        return "moderation/queue";
    }

    public record SummaryView(int pending) {}

    /** The dashboard card with the number of reports waiting (htmx). */
    @GetMapping("/staff/moderation/summary")
    String summary(Model model) {
        model.addAttribute("view", new SummaryView(flags.pendingCount()));
        return "moderation/fragments/summary";
    }

    /**
     * What the staff person typed, kept when a form comes back with errors; {@code open} names the
     * action whose form is shown open.
     */
    public record Typed(
            String open,
            String reason,
            String body,
            Long forumId,
            boolean licenceGap,
            String subject,
            String until,
            boolean indefinite) {

        static Typed none() {
            return new Typed("", "", null, null, false, null, "", false);
        }
    }

    public record ItemView(Item item, Typed typed, FormErrors errors) {

        public String bodyOr(String source) {
            return typed.body() != null ? typed.body() : source;
        }
    }

    @GetMapping("/staff/moderation/{id}")
    String item(@AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id, Model model) {
        model.addAttribute(
                "view", new ItemView(queue.item(StaffActor.of(principal), id), Typed.none(), FormErrors.none()));
        return "moderation/item";
    }

    @PostMapping("/staff/moderation/{id}/{action}")
    String act(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long id,
            @PathVariable String action,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(required = false) String body,
            @RequestParam(required = false) Long forum,
            @RequestParam(defaultValue = "false") boolean confirm,
            @RequestParam(required = false) String subject,
            @RequestParam(defaultValue = "") String until,
            @RequestParam(defaultValue = "false") boolean indefinite,
            Model model,
            RedirectAttributes redirect) {
        StaffActor actor = StaffActor.of(principal);
        FormErrors errors = FormErrors.none();
        String why = reason.strip();
        errors.check(why.isEmpty(), action + "-reason", "moderation.queue.reasonRequired");
        errors.check(why.length() > ReviewQueue.REASON_MAX, action + "-reason", "form.tooLong", ReviewQueue.REASON_MAX);
        if ("edit".equals(action)) {
            errors.check(body == null || body.isBlank(), "edit-body", "forums.body.required");
        }
        if ("move".equals(action)) {
            errors.check(forum == null, "move-forum", "moderation.queue.forumRequired");
        }
        if ("warn".equals(action)) {
            errors.check(body == null || body.isBlank(), "warn-body", "moderation.queue.warningRequired");
        }
        LocalDate untilDate =
                "block".equals(action) ? new BlockForm(reason, until, indefinite).untilDate(errors) : null;
        Typed typed = new Typed(action, reason, body, forum, false, subject, until, indefinite);
        if (errors.any()) {
            model.addAttribute("view", new ItemView(queue.item(actor, id), typed, errors));
            return "moderation/item";
        }
        try {
            switch (action) {
                case "dismiss" -> queue.dismiss(actor, id, why);
                case "edit" -> queue.edit(actor, id, body, why);
                case "hide", "hide-profile" -> queue.hide(actor, id, why);
                case "delete", "delete-topic" -> queue.delete(actor, id, why);
                case "move" -> queue.move(actor, id, forum, why, confirm);
                case "warn" -> queue.warn(actor, id, subject == null ? "" : subject.strip(), body, why);
                case "block" -> queue.block(actor, id, why, untilDate);
                default -> throw new NotFoundException();
            }
        } catch (TopicModeration.Refused e) {
            boolean gap = e.refusal() == TopicModeration.Refusal.LICENCE_GAP_UNCONFIRMED;
            errors.add(gap ? "move-confirm" : "move-forum", e.refusal().messageKey());
            model.addAttribute(
                    "view",
                    new ItemView(
                            queue.item(actor, id),
                            new Typed(action, reason, body, forum, gap, subject, until, indefinite),
                            errors));
            return "moderation/item";
        } catch (InvalidSanction e) {
            model.addAttribute(
                    "view",
                    new ItemView(
                            queue.item(actor, id),
                            typed,
                            SanctionErrors.of(
                                    e,
                                    Map.of(
                                            "reason", action + "-reason",
                                            "until", "blockUntil",
                                            "subject", "warn-subject",
                                            "text", "warn-body"))));
            return "moderation/item";
        } catch (ReviewQueue.AlreadyHandledException e) {
            redirect.addFlashAttribute(UiAdvice.FLASH, "moderation.queue.alreadyHandled");
            return "redirect:/staff/moderation/" + id;
        }
        redirect.addFlashAttribute(UiAdvice.FLASH, "moderation.queue.handled");
        return "redirect:/staff/moderation";
    }
}
