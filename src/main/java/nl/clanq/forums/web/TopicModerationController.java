package nl.clanq.forums.web;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.forums.ForumAccess;
import nl.clanq.forums.ForumRef;
import nl.clanq.forums.ForumViews.TopicView;
import nl.clanq.forums.Forums;
import nl.clanq.forums.Posting;
import nl.clanq.forums.TopicModeration;
import nl.clanq.forums.TopicModeration.MergeCheck;
import nl.clanq.forums.TopicModeration.MoveCheck;
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
 * C13: staff move a topic to the forum where it belongs, and merge a duplicate topic into another.
 * Anyone but staff gets 404 on these pages.
 */
@Controller
public class TopicModerationController {

    private final ForumAccess access;
    private final Forums forums;
    private final TopicModeration moderation;

    TopicModerationController(ForumAccess access, Forums forums, TopicModeration moderation) {
        this.access = access;
        this.forums = forums;
        this.moderation = moderation;
    }

    /**
     * The move form; {@code licenceGapFor} names the chosen forum when the author's organisation
     * holds no licence for it, so staff must confirm.
     */
    public record MoveView(
            TopicView topic,
            List<ForumRef> targets,
            Long targetForum,
            String reason,
            ForumRef licenceGapFor,
            FormErrors errors) {}

    /** The merge form, or (with {@code target}) the step that shows what will be merged. */
    public record MergeView(TopicView topic, String targetTopic, String reason, TopicView target, FormErrors errors) {

        public boolean confirming() {
            return target != null;
        }
    }

    /** The signed-in staff person; anyone else is answered 404. */
    private Posting.Actor staff(ClanqPrincipal principal) {
        if (!principal.isStaff()) {
            throw new NotFoundException();
        }
        return new Posting.Actor(
                access.reader(principal.id(), principal.isStaff()),
                principal.displayName() + " <" + principal.email() + ">");
    }

    @GetMapping("/topics/{id}/move")
    String moveForm(@AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id, Model model) {
        Posting.Actor actor = staff(principal);
        List<ForumRef> targets = moderation.moveTargets(actor.reader(), id);
        TopicView topic = forums.topic(actor.reader(), id);
        model.addAttribute("view", new MoveView(topic, targets, null, "", null, FormErrors.none()));
        return "forums/move";
    }

    @PostMapping("/topics/{id}/move")
    @Transactional
    String move(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long id,
            @RequestParam(required = false) Long targetForum,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "false") boolean warned,
            @RequestParam(defaultValue = "false") boolean confirm,
            Model model,
            RedirectAttributes redirect) {
        Posting.Actor actor = staff(principal);
        List<ForumRef> targets = moderation.moveTargets(actor.reader(), id);
        TopicView topic = forums.topic(actor.reader(), id);
        FormErrors errors = FormErrors.none();
        MoveCheck check = null;
        if (!errors.check(targetForum == null, "targetForum", "forums.move.chooseForum")) {
            check = moderation.checkMove(actor, id, targetForum);
            if (!check.allowed()) {
                errors.add("targetForum", check.refusal().messageKey());
            }
        }
        checkReason(errors, reason);
        ForumRef gap = check != null && check.allowed() && check.authorLacksLicence() ? check.target() : null;
        // The warning shows first; only a second submit with the box ticked moves the topic.
        if (gap != null && !confirm && warned) {
            errors.add("confirm", "forums.move.confirmRequired");
        }
        if (errors.any() || (gap != null && !confirm)) {
            model.addAttribute("view", new MoveView(topic, targets, targetForum, reason, gap, errors));
            return "forums/move";
        }
        moderation.move(actor, id, targetForum, reason, confirm);
        redirect.addFlashAttribute(UiAdvice.FLASH, "forums.move.done");
        return "redirect:/topics/" + id;
    }

    @GetMapping("/topics/{id}/merge")
    String mergeForm(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String targetTopic,
            @RequestParam(defaultValue = "") String reason,
            Model model) {
        Posting.Actor actor = staff(principal);
        TopicView topic = forums.topic(actor.reader(), id);
        model.addAttribute("view", new MergeView(topic, targetTopic, reason, null, FormErrors.none()));
        return "forums/merge";
    }

    @PostMapping("/topics/{id}/merge")
    @Transactional
    String merge(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String targetTopic,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "false") boolean confirm,
            Model model,
            RedirectAttributes redirect) {
        Posting.Actor actor = staff(principal);
        TopicView topic = forums.topic(actor.reader(), id);
        FormErrors errors = FormErrors.none();
        Optional<Long> targetId = topicId(targetTopic);
        MergeCheck check = null;
        if (!errors.check(targetId.isEmpty(), "targetTopic", "forums.merge.targetInvalid")) {
            check = moderation.checkMerge(actor, id, targetId.get());
            if (!check.allowed()) {
                errors.add("targetTopic", check.refusal().messageKey());
            }
        }
        checkReason(errors, reason);
        if (errors.any()) {
            model.addAttribute("view", new MergeView(topic, targetTopic, reason, null, errors));
            return "forums/merge";
        }
        if (!confirm) {
            model.addAttribute("view", new MergeView(topic, targetTopic, reason, check.target(), errors));
            return "forums/merge";
        }
        moderation.merge(actor, id, check.target().id(), reason);
        redirect.addFlashAttribute(UiAdvice.FLASH, "forums.merge.done");
        return "redirect:/topics/" + check.target().id();
    }

    private static void checkReason(FormErrors errors, String reason) {
        errors.check(reason.isBlank(), "reason", "forums.moderation.reasonRequired");
        errors.check(
                reason.strip().length() > TopicModeration.REASON_MAX,
                "reason",
                "forums.moderation.reasonTooLong",
                TopicModeration.REASON_MAX);
    }

    private static final Pattern TOPIC_REFERENCE =
            Pattern.compile("^(?:(?:https?://[^/\\s]+)?/topics/)?#?(\\d{1,18})(?:[/?#]\\S*)?$");

    /** A topic's number from what staff typed: {@code 123}, {@code /topics/123} or its full address. */
    static Optional<Long> topicId(String typed) {
        Matcher m = TOPIC_REFERENCE.matcher(typed.strip());
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
