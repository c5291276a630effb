package nl.clanq.directory.web;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.UserView;
import nl.clanq.forums.ForumAccess;
import nl.clanq.forums.ForumViews.TopicRow;
import nl.clanq.forums.Forums;
import nl.clanq.forums.Reader;
import nl.clanq.messaging.Messaging;
import nl.clanq.organisations.Organisations;
import nl.clanq.organisations.Views.OrganisationView;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * C8: a member's profile, for the members of the vendor communities they share (and staff);
 * everyone else gets 404 (S9, G4). It lists their recent topics in forums the viewer may read.
 */
@Controller
public class MemberProfileController {

    private final Accounts accounts;
    private final Organisations organisations;
    private final ForumAccess access;
    private final Forums forums;
    private final Messaging messaging;

    MemberProfileController(
            Accounts accounts, Organisations organisations, ForumAccess access, Forums forums, Messaging messaging) {
        this.messaging = messaging;
        this.accounts = accounts;
        this.organisations = organisations;
        this.access = access;
        this.forums = forums;
    }

    public record ProfileView(
            UserView member,
            String organisation,
            boolean former,
            List<TopicRow> recentTopics,
            boolean mayMessage,
            boolean blocked) {}

    @GetMapping("/members/{id}")
    String profile(@AuthenticationPrincipal ClanqPrincipal viewer, @PathVariable long id, Model model) {
        UserView member = accounts.find(id).filter(u -> !u.staff()).orElseThrow(NotFoundException::new);
        if (!viewer.isStaff() && viewer.id() != id) {
            Set<Long> shared = new HashSet<>(organisations.communities(viewer.id()));
            shared.retainAll(organisations.communities(id));
            if (shared.isEmpty()) {
                throw new NotFoundException();
            }
        }
        OrganisationView organisation = organisations.ofUser(id).orElse(null);
        Reader reader = access.reader(viewer.id(), viewer.isStaff());
        model.addAttribute(
                "view",
                new ProfileView(
                        member,
                        organisation == null ? "" : organisation.name(),
                        !member.active() || organisation == null,
                        forums.recentTopicsBy(reader, id, 10),
                        !viewer.isStaff() && viewer.id() != id && member.active(),
                        messaging.hasBlocked(viewer.id(), id)));
        return "directory/profile";
    }
}
