package nl.clanq.notifications.web;

import java.util.List;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.forums.ForumAccess;
import nl.clanq.forums.ForumRef;
import nl.clanq.forums.Forums;
import nl.clanq.forums.Reader;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * While typing "@" in the editor: members of the forum's vendor community who can read that forum
 * (its general forum: everyone in the community; a module forum: organisations with the licence),
 * whose name starts with what was typed. Only for someone who may read the forum themselves.
 */
@RestController
public class MentionsController {

    static final int LIMIT = 8;

    private final JdbcClient jdbc;
    private final ForumAccess access;
    private final Forums forums;

    MentionsController(JdbcClient jdbc, ForumAccess access, Forums forums) {
        this.jdbc = jdbc;
        this.access = access;
        this.forums = forums;
    }

    public record Suggestion(String handle, String name, String organisation) {}

    @GetMapping("/mentions")
    @Transactional(readOnly = true)
    public List<Suggestion> suggest(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam long forum,
            @RequestParam(defaultValue = "") String q) {
        Reader reader = access.reader(principal.id(), principal.isStaff());
        ForumRef f = forums.forumById(forum).orElseThrow(NotFoundException::new);
        if (!reader.mayRead(f)) {
            throw new NotFoundException();
        }
        String prefix = q.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]", "");
        if (prefix.isEmpty() || prefix.length() > 40) {
            return List.of();
        }
        return jdbc.sql(
                        """
                        select distinct on (u.id)
                               lower(regexp_replace(u.first_name || '.' || u.last_name, '[^a-zA-Z0-9]+', '.', 'g')) as handle,
                               u.first_name || ' ' || u.last_name as name, o.name as organisation
                        from app_user u
                        join membership_seat s on s.user_id = u.id
                        join membership m on m.id = s.membership_id and m.status = 'ACTIVE' and m.vendor_id = :vendor
                        join organisation o on o.id = m.organisation_id
                        where u.status = 'ACTIVE' and u.id <> :me
                          and (:module::bigint is null or exists (select 1 from licence l where l.membership_id = m.id
                                                           and l.module_id = :module and l.confirmed_at is not null))
                          and (lower(u.first_name) like :prefix or lower(u.last_name) like :prefix
                               or lower(regexp_replace(u.first_name || '.' || u.last_name, '[^a-zA-Z0-9]+', '.', 'g')) like :prefix)
                        order by u.id limit :limit""")
                .param("vendor", f.vendorId())
                .param("me", principal.id())
                .param("module", f.moduleId())
                .param("prefix", prefix + "%")
                .param("limit", LIMIT)
                .query(Rows.of(Suggestion.class))
                .list();
    }
}
