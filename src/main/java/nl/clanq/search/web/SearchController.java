package nl.clanq.search.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.forums.ForumAccess;
import nl.clanq.forums.ForumRef;
import nl.clanq.forums.ForumViews.Community;
import nl.clanq.forums.ForumViews.ForumEntry;
import nl.clanq.forums.Forums;
import nl.clanq.forums.Reader;
import nl.clanq.search.TopicSearch;
import nl.clanq.search.TopicSearch.Hit;
import nl.clanq.search.TopicSearch.MemberHit;
import nl.clanq.search.TopicSearch.Query;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Search (S9): the results page, the dropdown under the header box, and similar questions. */
@Controller
public class SearchController {

    private final TopicSearch search;
    private final ForumAccess access;
    private final Forums forums;
    private final Accounts accounts;

    SearchController(TopicSearch search, ForumAccess access, Forums forums, Accounts accounts) {
        this.search = search;
        this.access = access;
        this.forums = forums;
        this.accounts = accounts;
    }

    /** A found topic with the forum it is in, as the results list shows it. */
    public record Result(Hit hit, ForumRef forum) {}

    public record ResultsView(
            Query query,
            String text,
            List<Result> results,
            long total,
            int page,
            int pages,
            List<Community> communities,
            String authorName,
            String from,
            String to,
            String pagerHref) {}

    @GetMapping("/search")
    String results(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) Long vendor,
            @RequestParam(required = false) Long forum,
            @RequestParam(defaultValue = "ANY") String solved,
            @RequestParam(required = false) Long author,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "RELEVANCE") String sort,
            @RequestParam(defaultValue = "1") int page,
            Locale locale,
            Model model) {
        Reader reader = access.reader(principal.id(), principal.isStaff());
        String text = q.length() > 200 ? q.substring(0, 200) : q;
        Query query = new Query(
                text,
                vendor,
                forum,
                parse(TopicSearch.Solved.class, solved, TopicSearch.Solved.ANY),
                author,
                date(from),
                date(to),
                parse(TopicSearch.Sort.class, sort, TopicSearch.Sort.RELEVANCE),
                Math.max(1, Math.min(page, 500)),
                english(locale));
        TopicSearch.Page found = search.topics(reader, query);
        List<Community> communities = forums.communities(reader);
        Map<Long, ForumRef> forumsById = new HashMap<>();
        for (Community c : communities) {
            for (ForumEntry e : c.forums()) {
                forumsById.put(e.forum().id(), e.forum());
            }
        }
        List<Result> results = new ArrayList<>();
        for (Hit h : found.hits()) {
            ForumRef f = forumsById.get(h.forumId());
            if (f == null) {
                f = forums.forumById(h.forumId()).orElse(null); // an author's own moved topic (C13)
            }
            results.add(new Result(h, f));
        }
        String authorName = author == null
                ? null
                : accounts.find(author).map(u -> u.displayName()).orElse(null);
        model.addAttribute(
                "view",
                new ResultsView(
                        query,
                        text,
                        results,
                        found.total(),
                        found.page(),
                        found.pages(),
                        communities,
                        authorName,
                        query.from() == null ? "" : query.from().toString(),
                        query.to() == null ? "" : query.to().toString(),
                        pagerHref(query)));
        return "search/results";
    }

    private static String pagerHref(Query q) {
        StringBuilder href = new StringBuilder("/search?q=")
                .append(java.net.URLEncoder.encode(q.text(), java.nio.charset.StandardCharsets.UTF_8));
        if (q.vendorId() != null) {
            href.append("&vendor=").append(q.vendorId());
        }
        if (q.forumId() != null) {
            href.append("&forum=").append(q.forumId());
        }
        if (q.solved() != TopicSearch.Solved.ANY) {
            href.append("&solved=").append(q.solved().name());
        }
        if (q.authorId() != null) {
            href.append("&author=").append(q.authorId());
        }
        if (q.from() != null) {
            href.append("&from=").append(q.from());
        }
        if (q.to() != null) {
            href.append("&to=").append(q.to());
        }
        if (q.sort() != TopicSearch.Sort.RELEVANCE) {
            href.append("&sort=").append(q.sort().name());
        }
        return href.append('&').toString();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, E otherwise) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        return otherwise;
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null; // a date typed wrongly is ignored rather than refused
        }
    }

    public record SuggestView(String text, List<Hit> topics, List<MemberHit> members) {

        public String href() {
            return "/search?q=" + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The dropdown under the header box while typing (htmx): top 5 topics and top 3 members. */
    @GetMapping("/search/suggest")
    String suggest(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "") String q,
            Locale locale,
            Model model) {
        String text = q.strip();
        if (text.length() < 2 || text.length() > 200) {
            model.addAttribute("view", new SuggestView(text, List.of(), List.of()));
            return "search/fragments/suggest";
        }
        Reader reader = access.reader(principal.id(), principal.isStaff());
        List<Hit> topics = search.suggestions(reader, Query.of(TopicSearch.prefixed(text), english(locale)), 5);
        model.addAttribute("view", new SuggestView(text, topics, search.members(reader, text, 3)));
        return "search/fragments/suggest";
    }

    private static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }

    public record SimilarView(List<Hit> topics) {}

    /** Similar questions while a member types a new question (htmx), from the index. */
    @GetMapping("/topics/similar")
    String similar(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String body,
            Model model) {
        Reader reader = access.reader(principal.id(), principal.isStaff());
        model.addAttribute(
                "view",
                new SimilarView(
                        search.similar(reader, title, body.length() > 2000 ? body.substring(0, 2000) : body, 5)));
        return "search/fragments/similar";
    }
}
