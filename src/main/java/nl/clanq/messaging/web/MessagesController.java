package nl.clanq.messaging.web;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.UserView;
import nl.clanq.messaging.Messaging;
import nl.clanq.messaging.MessagingViews.ConversationRow;
import nl.clanq.messaging.MessagingViews.ConversationView;
import nl.clanq.messaging.MessagingViews.MessageView;
import nl.clanq.messaging.MessagingViews.Participant;
import nl.clanq.shared.throttle.TooManyRequestsException;
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

/** The message pages (C9, C17). Anything the viewer does not take part in answers 404 (S9). */
@Controller
public class MessagesController {

    private final Messaging messaging;
    private final Accounts accounts;
    private final nl.clanq.messaging.LiveStreams live;

    MessagesController(Messaging messaging, Accounts accounts, nl.clanq.messaging.LiveStreams live) {
        this.messaging = messaging;
        this.accounts = accounts;
        this.live = live;
    }

    public record ListView(List<ConversationRow> conversations, boolean staffInbox) {}

    public record NewView(
            List<UserView> recipients,
            boolean toStaff,
            String others,
            String subject,
            String body,
            FormErrors errors) {}

    public record ConversationPage(
            ConversationView conversation, long viewerId, List<Participant> staff, String body, FormErrors errors) {}

    public record NewMessages(List<MessageView> messages, long viewerId) {}

    public record Badge(int unread) {}

    private Messaging.Viewer viewer(ClanqPrincipal p) {
        return new Messaging.Viewer(p.id(), p.isStaff(), p.displayName() + " <" + p.email() + ">");
    }

    @GetMapping("/messages")
    String list(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        model.addAttribute("view", new ListView(messaging.conversations(viewer(principal)), false));
        return "messaging/list";
    }

    @GetMapping("/staff/inbox")
    String inbox(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        model.addAttribute("view", new ListView(messaging.staffInbox(viewer(principal)), true));
        return "messaging/list";
    }

    /** The person's live stream: an event per new message for them (server-sent events). */
    @GetMapping(path = "/messages/stream", produces = "text/event-stream")
    org.springframework.web.servlet.mvc.method.annotation.SseEmitter stream(
            @AuthenticationPrincipal ClanqPrincipal principal) {
        return live.subscribe(principal.id());
    }

    @GetMapping("/messages/unread")
    String badge(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        model.addAttribute("view", new Badge(messaging.unreadCount(principal.id())));
        return "messaging/fragments/badge";
    }

    @GetMapping("/messages/new")
    String newForm(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(name = "to", required = false) List<Long> to,
            @RequestParam(defaultValue = "false") boolean staff,
            @RequestParam(defaultValue = "") String subject,
            Model model) {
        if (principal.isStaff()) {
            throw new NotFoundException(); // staff write from the inbox, as "Clanqbeheer"
        }
        model.addAttribute("view", new NewView(recipients(to), staff, "", subject, "", FormErrors.none()));
        return "messaging/new";
    }

    private List<UserView> recipients(List<Long> ids) {
        return ids == null
                ? List.of()
                : accounts.findAll(ids).values().stream()
                        .filter(u -> !u.staff() && u.active())
                        .toList();
    }

    @PostMapping("/messages/new")
    @Transactional
    String start(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(name = "to", required = false) List<Long> to,
            @RequestParam(defaultValue = "false") boolean staff,
            @RequestParam(defaultValue = "") String others,
            @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String body,
            Model model) {
        if (principal.isStaff()) {
            throw new NotFoundException();
        }
        Set<Long> ids = new LinkedHashSet<>(to == null ? List.of() : to);
        FormErrors errors = FormErrors.none();
        for (String email : Arrays.stream(others.split("[,;\\s]+"))
                .filter(s -> !s.isBlank())
                .toList()) {
            accounts.findByEmail(email)
                    .filter(u -> !u.staff())
                    .ifPresentOrElse(u -> ids.add(u.id()), () -> errors.add("others", "messages.notReachable"));
        }
        errors.check(subject.isBlank() || subject.length() > 150, "subject", "messages.subject.required");
        errors.check(body.isBlank() || body.length() > Messaging.BODY_MAX, "body", "messages.body.required");
        if (errors.isEmpty()) {
            try {
                Messaging.Start start = messaging.start(viewer(principal), ids, staff, subject, body);
                if (start.problem() == null) {
                    return "redirect:/messages/" + start.conversationId();
                }
                switch (start.problem()) {
                    case NO_RECIPIENTS -> errors.add("others", "messages.noRecipients");
                    case TOO_MANY -> errors.add("others", "messages.tooMany", Messaging.MAX_RECIPIENTS);
                    case NOT_REACHABLE -> errors.add("others", "messages.notReachable");
                }
            } catch (TooManyRequestsException e) {
                errors.add("body", "messages.limit", e.retryAfterMinutes());
            }
        }
        // Nothing the member typed is lost (S11).
        model.addAttribute("view", new NewView(recipients(List.copyOf(ids)), staff, others, subject, body, errors));
        return "messaging/new";
    }

    @GetMapping("/messages/{id}")
    @Transactional
    String conversation(@AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id, Model model) {
        model.addAttribute(
                "view", page(principal, messaging.conversation(viewer(principal), id, true), "", FormErrors.none()));
        return "messaging/conversation";
    }

    private ConversationPage page(ClanqPrincipal principal, ConversationView c, String body, FormErrors errors) {
        return new ConversationPage(
                c, principal.id(), principal.isStaff() ? messaging.staffPeople() : List.of(), body, errors);
    }

    /** The live part of an open conversation: messages after {@code after}, polled by htmx. */
    @GetMapping("/messages/{id}/since")
    @Transactional
    String since(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long id,
            @RequestParam(defaultValue = "0") long after,
            Model model) {
        ConversationView c = messaging.conversation(viewer(principal), id, true);
        model.addAttribute(
                "view",
                new NewMessages(
                        c.messages().stream().filter(m -> m.id() > after).toList(), principal.id()));
        return "messaging/fragments/messages";
    }

    @PostMapping("/messages/{id}")
    @Transactional
    String send(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String body,
            Model model) {
        FormErrors errors = FormErrors.none();
        if (!errors.check(body.isBlank() || body.length() > Messaging.BODY_MAX, "body", "messages.body.required")) {
            try {
                messaging.send(viewer(principal), id, body);
                return "redirect:/messages/" + id + "#end";
            } catch (TooManyRequestsException e) {
                errors.add("body", "messages.limit", e.retryAfterMinutes());
            }
        }
        model.addAttribute("view", page(principal, messaging.conversation(viewer(principal), id, false), body, errors));
        return "messaging/conversation";
    }

    @PostMapping("/messages/{id}/leave")
    @Transactional
    String leave(
            @AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id, RedirectAttributes redirect) {
        messaging.leave(viewer(principal), id);
        redirect.addFlashAttribute(UiAdvice.FLASH, "messages.left");
        return "redirect:/messages";
    }

    @PostMapping("/messages/{id}/mute")
    @Transactional
    String mute(@AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id, @RequestParam boolean muted) {
        messaging.mute(viewer(principal), id, muted);
        return "redirect:/messages/" + id;
    }

    @PostMapping("/messages/{id}/assign")
    @Transactional
    String assign(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long id,
            @RequestParam(required = false) Long staff) {
        messaging.assign(viewer(principal), id, staff);
        return "redirect:/messages/" + id;
    }

    @PostMapping("/messages/{id}/close")
    @Transactional
    String close(
            @AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id, @RequestParam boolean closed) {
        messaging.setClosed(viewer(principal), id, closed);
        return "redirect:/messages/" + id;
    }

    @PostMapping("/members/{id}/block")
    @Transactional
    String block(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long id,
            @RequestParam boolean blocked,
            RedirectAttributes redirect) {
        if (principal.isStaff() || id == principal.id()) {
            throw new NotFoundException();
        }
        accounts.find(id).filter(u -> !u.staff()).orElseThrow(NotFoundException::new);
        messaging.block(viewer(principal), id, blocked);
        redirect.addFlashAttribute(UiAdvice.FLASH, blocked ? "messages.blocked" : "messages.unblocked");
        return "redirect:/members/" + id;
    }
}
