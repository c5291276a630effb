package nl.clanq.search.web;

import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.search.SearchIndexing;
import nl.clanq.shared.web.UiAdvice;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators rebuild the search index, with its progress; search keeps serving meanwhile. */
@Controller
public class StaffSearchController {

    private final SearchIndexing indexing;

    StaffSearchController(SearchIndexing indexing) {
        this.indexing = indexing;
    }

    public record IndexView(long documents, SearchIndexing.Rebuild rebuild) {}

    @GetMapping("/staff/search")
    String page(Model model) {
        model.addAttribute("view", new IndexView(indexing.indexedTopics(), indexing.progress()));
        return "search/staff";
    }

    /** The progress bar, polled while a rebuild runs (htmx). */
    @GetMapping("/staff/search/progress")
    String progress(Model model) {
        model.addAttribute("view", new IndexView(indexing.indexedTopics(), indexing.progress()));
        return "search/fragments/progress";
    }

    @PostMapping("/staff/search/rebuild")
    @Transactional
    String rebuild(@AuthenticationPrincipal ClanqPrincipal principal, RedirectAttributes redirect) {
        boolean started = indexing.rebuild(principal.id(), principal.displayName() + " <" + principal.email() + ">");
        redirect.addFlashAttribute(UiAdvice.FLASH, started ? "search.staff.started" : "search.staff.alreadyRunning");
        return "redirect:/staff/search";
    }
}
