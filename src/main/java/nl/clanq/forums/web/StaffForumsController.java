package nl.clanq.forums.web;

import java.util.List;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.catalog.Catalog;
import nl.clanq.catalog.VendorView;
import nl.clanq.forums.ForumAdmin;
import nl.clanq.forums.ForumRef;
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

/** C2: staff open a vendor's general forum, and name, describe and order its forums. */
@Controller
public class StaffForumsController {

    private final Catalog catalog;
    private final ForumAdmin admin;

    StaffForumsController(Catalog catalog, ForumAdmin admin) {
        this.catalog = catalog;
        this.admin = admin;
    }

    public record ForumsView(VendorView vendor, List<ForumRef> forums, boolean hasGeneral) {}

    @GetMapping("/staff/vendors/{id}/forums")
    String forums(@PathVariable long id, Model model) {
        VendorView vendor = catalog.getVendor(id);
        List<ForumRef> forums = admin.forumsOf(id);
        model.addAttribute(
                "view", new ForumsView(vendor, forums, forums.stream().anyMatch(ForumRef::general)));
        return "forums/staff-forums";
    }

    @PostMapping("/staff/vendors/{id}/forums/general")
    @Transactional
    String openGeneral(
            @AuthenticationPrincipal ClanqPrincipal staff, @PathVariable long id, RedirectAttributes redirect) {
        catalog.getVendor(id);
        admin.openGeneralForum(id, "Algemeen", staff.id(), label(staff));
        redirect.addFlashAttribute(UiAdvice.FLASH, "forums.staff.generalOpened");
        return "redirect:/staff/vendors/" + id + "/forums";
    }

    @PostMapping("/staff/forums/{forumId}")
    @Transactional
    String update(
            @AuthenticationPrincipal ClanqPrincipal staff,
            @PathVariable long forumId,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "0") int position,
            RedirectAttributes redirect) {
        ForumRef forum = admin.forum(forumId).orElseThrow(NotFoundException::new);
        if (name.isBlank() || name.length() > 100 || description.length() > 2000) {
            redirect.addFlashAttribute(UiAdvice.FLASH, "forums.staff.invalid");
            return "redirect:/staff/vendors/" + forum.vendorId() + "/forums";
        }
        admin.update(forumId, name.strip(), description.strip(), position, staff.id(), label(staff));
        redirect.addFlashAttribute(UiAdvice.FLASH, "forums.staff.saved");
        return "redirect:/staff/vendors/" + forum.vendorId() + "/forums";
    }

    private static String label(ClanqPrincipal staff) {
        return staff.displayName() + " <" + staff.email() + ">";
    }
}
