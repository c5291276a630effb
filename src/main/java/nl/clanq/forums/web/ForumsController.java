package nl.clanq.forums.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.catalog.Catalog;
import nl.clanq.forums.ForumAccess;
import nl.clanq.forums.ForumRef;
import nl.clanq.forums.ForumViews.Community;
import nl.clanq.forums.ForumViews.PostView;
import nl.clanq.forums.ForumViews.Revision;
import nl.clanq.forums.ForumViews.TopicList;
import nl.clanq.forums.ForumViews.TopicNote;
import nl.clanq.forums.ForumViews.TopicView;
import nl.clanq.forums.Forums;
import nl.clanq.forums.Posting;
import nl.clanq.forums.Reader;
import nl.clanq.forums.TopicViews;
import nl.clanq.organisations.Organisations;
import nl.clanq.organisations.Views.Colleague;
import nl.clanq.shared.markdown.Diff;
import nl.clanq.shared.markdown.DiffLine;
import nl.clanq.shared.markdown.Markdown;
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
 * The forum pages (C2, C5, C6, C7). Every handler builds the {@link Reader} from the signed-in
 * person's current seats and licences; whatever they may not read answers 404 (S9).
 */
@Controller
public class ForumsController {

    private final ForumAccess access;
    private final Forums forums;
    private final Posting posting;
    private final TopicViews views;
    private final Organisations organisations;
    private final Accounts accounts;
    private final Catalog catalog;
    private final Markdown markdown;

    ForumsController(
            ForumAccess access,
            Forums forums,
            Posting posting,
            TopicViews views,
            Organisations organisations,
            Accounts accounts,
            Catalog catalog,
            Markdown markdown) {
        this.access = access;
        this.forums = forums;
        this.posting = posting;
        this.views = views;
        this.organisations = organisations;
        this.accounts = accounts;
        this.catalog = catalog;
        this.markdown = markdown;
    }

    public record IndexView(List<Community> communities) {}

    public record ForumPage(ForumRef forum, TopicList topics, String filter) {}

    public record LockedPage(ForumRef forum, String moduleName, List<Colleague> colleagues) {}

    public record NewTopicView(ForumRef forum, String title, String body, FormErrors errors) {}

    public record TopicPage(
            TopicView topic,
            List<PostView> posts,
            PostView accepted,
            int page,
            int pages,
            long readerId,
            boolean staff,
            boolean mayAccept,
            List<TopicNote> notes,
            String replyBody,
            FormErrors errors) {}

    public record EditView(
            PostView post, TopicView topic, String body, String reason, boolean staffEdit, FormErrors errors) {}

    public record RevisionsView(TopicView topic, PostView post, List<RevisionDiff> revisions) {}

    public record RevisionDiff(Revision revision, List<DiffLine> lines) {}

    public record LatestView(TopicList topics) {}

    public record PreviewView(String html) {}

    private Reader reader(ClanqPrincipal principal) {
        return access.reader(principal.id(), principal.isStaff());
    }

    private Posting.Actor actor(ClanqPrincipal principal) {
        return new Posting.Actor(reader(principal), principal.displayName() + " <" + principal.email() + ">");
    }

    @GetMapping("/forums")
    String index(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        model.addAttribute("view", new IndexView(forums.index(reader(principal))));
        return "forums/index";
    }

    @GetMapping("/latest")
    String latest(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        model.addAttribute("view", new LatestView(forums.latest(reader(principal), page)));
        return "forums/latest";
    }

    @GetMapping("/forums/{vendor}/{forum}")
    String forum(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable String vendor,
            @PathVariable String forum,
            @RequestParam(defaultValue = "all") String filter,
            @RequestParam(defaultValue = "1") int page,
            HttpServletResponse response,
            Model model) {
        Reader reader = reader(principal);
        Optional<ForumRef> moved = forums.movedTo(vendor, forum);
        if (moved.isPresent() && reader.mayKnow(moved.get())) {
            // C14: old addresses of renamed and merged forums keep working, permanently.
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", moved.get().path());
            return null;
        }
        ForumRef f = forums.forum(reader, vendor, forum);
        if (!reader.mayRead(f)) {
            model.addAttribute("view", locked(reader, f));
            return "forums/locked";
        }
        Forums.Filter chosen =
                switch (filter) {
                    case "unsolved" -> Forums.Filter.UNSOLVED;
                    case "solved" -> Forums.Filter.SOLVED;
                    case "mine" -> Forums.Filter.MINE;
                    default -> Forums.Filter.ALL;
                };
        model.addAttribute(
                "view",
                new ForumPage(
                        f, forums.topics(reader, f, chosen, page), chosen.name().toLowerCase(Locale.ROOT)));
        return "forums/forum";
    }

    /** C6: why the forum is locked, and who in the community has access: matching specialisms first. */
    private LockedPage locked(Reader reader, ForumRef f) {
        String moduleName = f.moduleId() == null
                ? f.name()
                : catalog.module(f.moduleId()).map(m -> m.name()).orElse(f.name());
        List<String> mine = accounts.get(reader.userId()).specialisms().stream()
                .map(s -> s.toLowerCase(Locale.ROOT))
                .toList();
        String module = moduleName.toLowerCase(Locale.ROOT);
        List<Colleague> colleagues = f.moduleId() == null
                ? List.of()
                : organisations.colleaguesWithLicence(f.vendorId(), f.moduleId(), reader.userId()).stream()
                        .sorted(Comparator.comparing((Colleague c) -> -matches(c, module, mine))
                                .thenComparing(Colleague::name))
                        .toList();
        return new LockedPage(f, moduleName, colleagues);
    }

    private static int matches(Colleague c, String module, List<String> mine) {
        int score = 0;
        for (String s : c.specialisms()) {
            String lower = s.toLowerCase(Locale.ROOT);
            if (module.contains(lower) || lower.contains(module)) {
                score += 2;
            }
            if (mine.contains(lower)) {
                score += 1;
            }
        }
        return score;
    }

    @PostMapping("/forums/{vendor}/{forum}/read")
    @Transactional
    String markRead(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable String vendor,
            @PathVariable String forum) {
        Reader reader = reader(principal);
        ForumRef f = forums.forum(reader, vendor, forum);
        posting.markForumRead(reader, f);
        return "redirect:" + f.path();
    }

    @GetMapping("/forums/{vendor}/{forum}/new")
    String newTopic(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable String vendor,
            @PathVariable String forum,
            Model model) {
        Reader reader = reader(principal);
        ForumRef f = readable(reader, vendor, forum);
        model.addAttribute("view", new NewTopicView(f, "", "", FormErrors.none()));
        return "forums/new-topic";
    }

    @PostMapping("/forums/{vendor}/{forum}/new")
    @Transactional
    String ask(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable String vendor,
            @PathVariable String forum,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String body,
            Model model) {
        Reader reader = reader(principal);
        ForumRef f = readable(reader, vendor, forum);
        FormErrors errors = FormErrors.none();
        int titleLength = title.strip().codePointCount(0, title.strip().length());
        errors.check(
                titleLength < Posting.TITLE_MIN || titleLength > Posting.TITLE_MAX,
                "title",
                "forums.title.length",
                Posting.TITLE_MIN,
                Posting.TITLE_MAX);
        checkBody(errors, body);
        if (errors.any()) {
            model.addAttribute("view", new NewTopicView(f, title, body, errors));
            return "forums/new-topic";
        }
        long topicId = posting.ask(actor(principal), f, title, body);
        return "redirect:/topics/" + topicId;
    }

    private static void checkBody(FormErrors errors, String body) {
        errors.check(body.isBlank(), "body", "forums.body.required");
        errors.check(body.length() > Posting.BODY_MAX, "body", "form.tooLong", Posting.BODY_MAX);
    }

    private ForumRef readable(Reader reader, String vendor, String forum) {
        ForumRef f = forums.forum(reader, vendor, forum);
        if (!reader.mayRead(f) || f.archived()) {
            throw new NotFoundException();
        }
        return f;
    }

    @GetMapping("/topics/{id}")
    @Transactional
    String topic(
            Reader reader,
            @PathVariable long id,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Long quote,
            HttpServletResponse response,
            Model model) {
        Optional<TopicView> found = forums.findTopic(reader, id);
        if (found.isEmpty()) {
            // C13: a merged duplicate's address leads to the topic it joined, permanently.
            Long mergedInto = forums.mergedInto(reader, id).orElseThrow(NotFoundException::new);
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", "/topics/" + mergedInto);
            return null;
        }
        TopicView topic = found.get();
        int pages = forums.pages(topic);
        if (page == null) {
            // Open at the first unread post.
            int position = forums.firstUnreadPosition(reader, topic);
            int unreadPage = position / Forums.POSTS_PER_PAGE + 1;
            if (unreadPage > 1) {
                return "redirect:/topics/" + id + "?page=" + unreadPage + "#position-" + position;
            }
            page = 1;
        }
        int p = Math.min(Math.max(page, 1), pages);
        List<PostView> posts = forums.posts(topic, p);
        views.count(id);
        if (!posts.isEmpty()) {
            posting.markReadOnView(
                    reader.userId(), id, posts.get(posts.size() - 1).position());
        }
        String replyBody = "";
        if (quote != null) {
            PostView quoted = forums.post(reader, quote);
            if (!quoted.deleted() && (!quoted.hidden() || reader.staff() || quoted.authorId() == reader.userId())) {
                replyBody = markdown.quote(quoted.authorName() + ":", quoted.source()) + "\n\n";
            }
        }
        model.addAttribute("view", page(reader, topic, posts, p, pages, replyBody, FormErrors.none()));
        return "forums/topic";
    }

    private TopicPage page(
            Reader reader,
            TopicView topic,
            List<PostView> posts,
            int p,
            int pages,
            String replyBody,
            FormErrors errors) {
        // Shown under the question only, so on the first page, where it mostly is already.
        Optional<PostView> accepted = p != 1 || topic.acceptedPostId() == null
                ? Optional.empty()
                : posts.stream()
                        .filter(post -> post.id() == topic.acceptedPostId())
                        .findFirst()
                        .or(() -> forums.acceptedAnswer(topic));
        return new TopicPage(
                topic,
                posts,
                accepted.orElse(null),
                p,
                pages,
                reader.userId(),
                reader.staff(),
                reader.staff() || topic.authorId() == reader.userId(),
                forums.notes(topic),
                replyBody,
                errors);
    }

    @GetMapping("/posts/{id}")
    String permalink(@AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id) {
        Forums.PostLocation location = forums.locate(reader(principal), id);
        return "redirect:/topics/" + location.topic().id() + "?page=" + location.page() + "#post-" + id;
    }

    @PostMapping("/topics/{id}/replies")
    @Transactional
    String reply(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String body,
            Model model) {
        Reader reader = reader(principal);
        TopicView topic = forums.topic(reader, id);
        FormErrors errors = FormErrors.none();
        checkBody(errors, body);
        if (errors.any()) {
            int pages = forums.pages(topic);
            model.addAttribute("view", page(reader, topic, forums.posts(topic, pages), pages, pages, body, errors));
            return "forums/topic";
        }
        long postId = posting.reply(actor(principal), id, body);
        return "redirect:/posts/" + postId;
    }

    @GetMapping("/posts/{id}/edit")
    String editForm(@AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id, Model model) {
        Reader reader = reader(principal);
        PostView post = editable(reader, id);
        TopicView topic = forums.locate(reader, id).topic();
        model.addAttribute(
                "view",
                new EditView(post, topic, post.source(), "", post.authorId() != reader.userId(), FormErrors.none()));
        return "forums/edit-post";
    }

    @PostMapping("/posts/{id}/edit")
    @Transactional
    String edit(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "") String reason,
            Model model) {
        Reader reader = reader(principal);
        PostView post = editable(reader, id);
        boolean staffEdit = post.authorId() != reader.userId();
        FormErrors errors = FormErrors.none();
        checkBody(errors, body);
        errors.check(staffEdit && reason.isBlank(), "reason", "forums.edit.reasonRequired");
        if (errors.any()) {
            model.addAttribute(
                    "view", new EditView(post, forums.locate(reader, id).topic(), body, reason, staffEdit, errors));
            return "forums/edit-post";
        }
        posting.edit(actor(principal), id, body, reason.isBlank() ? null : reason.strip());
        return "redirect:/posts/" + id;
    }

    private PostView editable(Reader reader, long id) {
        PostView post = forums.post(reader, id);
        if ((post.authorId() != reader.userId() && !reader.staff()) || post.deleted()) {
            throw new NotFoundException();
        }
        return post;
    }

    @PostMapping("/posts/{id}/delete")
    @Transactional
    String delete(
            @AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id, RedirectAttributes redirect) {
        Posting.DeleteOutcome outcome = posting.delete(actor(principal), id);
        redirect.addFlashAttribute(
                UiAdvice.FLASH,
                outcome == Posting.DeleteOutcome.ONLY_TEXT_REMOVED
                        ? "forums.delete.questionText"
                        : "forums.delete.done");
        return "redirect:/posts/" + id;
    }

    @PostMapping("/posts/{id}/accept")
    @Transactional
    String accept(@AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id) {
        posting.accept(actor(principal), id);
        return "redirect:/posts/" + id;
    }

    @PostMapping("/topics/{id}/unaccept")
    @Transactional
    String unaccept(@AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id) {
        posting.unaccept(actor(principal), id);
        return "redirect:/topics/" + id;
    }

    @PostMapping("/topics/{id}/pin")
    @Transactional
    String pin(@AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id, @RequestParam boolean pinned) {
        posting.setPinned(actor(principal), id, pinned);
        return "redirect:/topics/" + id;
    }

    @PostMapping("/topics/{id}/close")
    @Transactional
    String close(
            @AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id, @RequestParam boolean closed) {
        posting.setClosed(actor(principal), id, closed);
        return "redirect:/topics/" + id;
    }

    /** Earlier versions with what changed, for the author and staff. */
    @GetMapping("/posts/{id}/revisions")
    String revisions(@AuthenticationPrincipal ClanqPrincipal principal, @PathVariable long id, Model model) {
        Reader reader = reader(principal);
        PostView post = forums.post(reader, id);
        if (post.authorId() != reader.userId() && !reader.staff()) {
            throw new NotFoundException();
        }
        List<Revision> revisions = forums.revisions(id);
        List<RevisionDiff> diffs = new java.util.ArrayList<>();
        String newer = post.source();
        for (Revision r : revisions) {
            diffs.add(new RevisionDiff(r, Diff.lines(r.source(), newer)));
            newer = r.source();
        }
        model.addAttribute("view", new RevisionsView(forums.locate(reader, id).topic(), post, diffs));
        return "forums/revisions";
    }

    /** The live preview under the editor (htmx). */
    @PostMapping("/markdown/preview")
    String preview(@RequestParam(defaultValue = "") String body, Model model) {
        model.addAttribute(
                "view",
                new PreviewView(markdown.render(
                        body.length() > Posting.BODY_MAX ? body.substring(0, Posting.BODY_MAX) : body)));
        return "forums/fragments/preview";
    }
}
