package nl.clanq.notifications.web;

import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.notifications.Notices;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The bell, the list of notices, opening one, marking read. */
@Controller
public class NoticesController {

    private final Notices notices;

    NoticesController(Notices notices) {
        this.notices = notices;
    }

    public record BellView(int unread) {}

    /** The unread count next to the bell (htmx; refreshed live and every 30 seconds). */
    @GetMapping("/notices/unread")
    String unread(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        model.addAttribute("view", new BellView(notices.unread(principal.id())));
        return "notifications/fragments/bell";
    }

    @GetMapping("/notices")
    String list(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        model.addAttribute("view", notices.page(principal.id(), page));
        return "notifications/notices";
    }

    /** Opens what the notice is about, marking it read. */
    @GetMapping("/notices/{id}")
    String open(@AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id) {
        return "redirect:" + notices.open(principal.id(), id);
    }

    @PostMapping("/notices/{id}/read")
    String read(@AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id) {
        notices.markRead(principal.id(), id);
        return "redirect:/notices";
    }

    @PostMapping("/notices/read")
    String readAll(@AuthenticationPrincipal ClanqPrincipal principal) {
        notices.markAllRead(principal.id());
        return "redirect:/notices";
    }
}
