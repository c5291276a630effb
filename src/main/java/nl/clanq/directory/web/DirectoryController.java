package nl.clanq.directory.web;

import java.util.List;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.catalog.Catalog;
import nl.clanq.catalog.ModuleView;
import nl.clanq.catalog.VendorView;
import nl.clanq.directory.Directory;
import nl.clanq.organisations.Organisations;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** C8: the member directory of the viewer's communities. */
@Controller
public class DirectoryController {

    private final Directory directory;
    private final Organisations organisations;
    private final Catalog catalog;

    DirectoryController(Directory directory, Organisations organisations, Catalog catalog) {
        this.directory = directory;
        this.organisations = organisations;
        this.catalog = catalog;
    }

    public record DirectoryView(
            Directory.Query query, Directory.Result result, List<VendorView> vendors, List<ModuleView> modules) {

        /** The query string of the current filters, for paging links. */
        public String filterQuery() {
            StringBuilder q = new StringBuilder("/members?");
            if (query.text() != null && !query.text().isBlank()) {
                q.append("q=")
                        .append(java.net.URLEncoder.encode(query.text(), java.nio.charset.StandardCharsets.UTF_8))
                        .append('&');
            }
            if (query.vendorId() != null) {
                q.append("vendor=").append(query.vendorId()).append('&');
            }
            if (query.moduleId() != null) {
                q.append("module=").append(query.moduleId()).append('&');
            }
            if (query.sort() != null) {
                q.append("sort=").append(query.sort()).append('&');
            }
            return q.toString();
        }
    }

    @GetMapping("/members")
    String members(
            @AuthenticationPrincipal ClanqPrincipal viewer,
            @RequestParam(name = "q", defaultValue = "") String text,
            @RequestParam(required = false) Long vendor,
            @RequestParam(required = false) Long module,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        List<VendorView> vendors = viewer.isStaff()
                ? catalog.activeVendors()
                : organisations.communities(viewer.id()).stream()
                        .map(catalog::vendor)
                        .flatMap(java.util.Optional::stream)
                        .toList();
        List<ModuleView> modules = vendors.stream()
                .flatMap(v -> catalog.activeModules(v.id()).stream())
                .toList();
        Directory.Query query = new Directory.Query(text, vendor, module, sort, page);
        model.addAttribute(
                "view",
                new DirectoryView(query, directory.search(viewer.id(), viewer.isStaff(), query), vendors, modules));
        return "directory/members";
    }
}
