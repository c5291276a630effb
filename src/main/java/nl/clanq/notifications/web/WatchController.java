package nl.clanq.notifications.web;

import java.util.List;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.forums.ForumAccess;
import nl.clanq.forums.ForumRef;
import nl.clanq.forums.Forums;
import nl.clanq.forums.Reader;
import nl.clanq.notifications.Watching;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The watch level of a forum or topic: a small form on its page (htmx fragment, or a plain post). */
@Controller
public class WatchController {

    private final Watching watching;
    private final ForumAccess access;
    private final Forums forums;

    WatchController(Watching watching, ForumAccess access, Forums forums) {
        this.watching = watching;
        this.access = access;
        this.forums = forums;
    }

    public record WatchView(String action, String current, List<String> levels, String returnTo, boolean saved) {}

    private ForumRef readableForum(ClanqPrincipal principal, long forumId) {
        Reader reader = access.reader(principal.id(), principal.isStaff());
        ForumRef forum = forums.forumById(forumId).orElseThrow(NotFoundException::new);
        if (!reader.mayRead(forum)) {
            throw new NotFoundException();
        }
        return forum;
    }

    private long readableTopic(ClanqPrincipal principal, long topicId) {
        return forums.topic(access.reader(principal.id(), principal.isStaff()), topicId)
                .id();
    }

    @GetMapping("/watch/forums/{id}")
    String forum(@AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id, Model model) {
        ForumRef forum = readableForum(principal, id);
        model.addAttribute("view", forumView(principal, forum, false));
        return "notifications/fragments/watch";
    }

    private WatchView forumView(ClanqPrincipal principal, ForumRef forum, boolean saved) {
        return new WatchView(
                "/watch/forums/" + forum.id(),
                "forum." + watching.forumLevel(principal.id(), forum.id()).name(),
                java.util.Arrays.stream(Watching.ForumLevel.values())
                        .map(l -> "forum." + l.name())
                        .toList(),
                forum.path(),
                saved);
    }

    @PostMapping("/watch/forums/{id}")
    @Transactional
    String watchForum(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long id,
            @RequestParam Watching.ForumLevel level,
            @RequestParam(required = false) String fragment,
            Model model) {
        ForumRef forum = readableForum(principal, id);
        watching.watchForum(principal.id(), forum.id(), level);
        if (fragment != null) {
            model.addAttribute("view", forumView(principal, forum, true));
            return "notifications/fragments/watch";
        }
        return "redirect:" + forum.path();
    }

    @GetMapping("/watch/topics/{id}")
    String topic(@AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id, Model model) {
        readableTopic(principal, id);
        model.addAttribute("view", topicView(principal, id, false));
        return "notifications/fragments/watch";
    }

    private WatchView topicView(ClanqPrincipal principal, long topicId, boolean saved) {
        return new WatchView(
                "/watch/topics/" + topicId,
                "topic." + watching.topicLevel(principal.id(), topicId).name(),
                java.util.Arrays.stream(Watching.TopicLevel.values())
                        .map(l -> "topic." + l.name())
                        .toList(),
                "/topics/" + topicId,
                saved);
    }

    @PostMapping("/watch/topics/{id}")
    @Transactional
    String watchTopic(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long id,
            @RequestParam Watching.TopicLevel level,
            @RequestParam(required = false) String fragment,
            Model model) {
        readableTopic(principal, id);
        watching.watchTopic(principal.id(), id, level);
        if (fragment != null) {
            model.addAttribute("view", topicView(principal, id, true));
            return "notifications/fragments/watch";
        }
        return "redirect:/topics/" + id;
    }
}
