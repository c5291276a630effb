package nl.clanq.catalog.web;

import java.util.List;
import java.util.Locale;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.catalog.Catalog;
import nl.clanq.catalog.ModuleView;
import nl.clanq.catalog.VendorView;
import nl.clanq.shared.web.FormErrors;
import nl.clanq.shared.web.NotFoundException;
import nl.clanq.shared.web.UiAdvice;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff maintain vendors and their modules (C1, C2). */
@Controller
public class StaffCatalogController {

    private static final String SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$";

    private final Catalog catalog;

    StaffCatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    public record VendorsView(List<VendorView> vendors, Catalog.VendorForm form, FormErrors errors) {}

    public record VendorPage(
            VendorView vendor,
            Catalog.VendorForm form,
            List<ModuleView> modules,
            Catalog.ModuleForm moduleForm,
            FormErrors errors,
            FormErrors moduleErrors) {}

    public record ModulePage(
            VendorView vendor,
            ModuleView module,
            Catalog.ModuleForm form,
            FormErrors errors,
            List<ModuleView> successors) {}

    @GetMapping("/staff/vendors")
    String vendors(Model model) {
        model.addAttribute(
                "view",
                new VendorsView(catalog.vendors(), new Catalog.VendorForm("", "", "", "", true), FormErrors.none()));
        return "catalog/staff-vendors";
    }

    @PostMapping("/staff/vendors")
    String createVendor(
            @AuthenticationPrincipal ClanqPrincipal staff,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String slug,
            @RequestParam(defaultValue = "") String website,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "false") boolean active,
            RedirectAttributes redirect,
            Model model) {
        Catalog.VendorForm form = vendorForm(name, slug, website, description, active);
        FormErrors errors = validate(form, null);
        if (errors.any()) {
            model.addAttribute("view", new VendorsView(catalog.vendors(), form, errors));
            return "catalog/staff-vendors";
        }
        long id = catalog.createVendor(form, actor(staff));
        redirect.addFlashAttribute(UiAdvice.FLASH, "catalog.vendor.saved");
        return "redirect:/staff/vendors/" + id;
    }

    @GetMapping("/staff/vendors/{id}")
    String vendor(@PathVariable long id, Model model) {
        VendorView v = catalog.getVendor(id);
        return vendorPage(model, v, savedForm(v), EMPTY_MODULE, FormErrors.none(), FormErrors.none());
    }

    private static final Catalog.ModuleForm EMPTY_MODULE = new Catalog.ModuleForm("", "", "");

    private static Catalog.VendorForm savedForm(VendorView v) {
        return new Catalog.VendorForm(v.name(), v.slug(), nullToEmpty(v.website()), v.description(), v.active());
    }

    /** The vendor page with both forms; {@code errors} belong to the vendor form, the other to the module form. */
    private String vendorPage(
            Model model,
            VendorView v,
            Catalog.VendorForm form,
            Catalog.ModuleForm moduleForm,
            FormErrors errors,
            FormErrors moduleErrors) {
        model.addAttribute("view", new VendorPage(v, form, catalog.modules(v.id()), moduleForm, errors, moduleErrors));
        return "catalog/staff-vendor";
    }

    @PostMapping("/staff/vendors/{id}")
    String updateVendor(
            @AuthenticationPrincipal ClanqPrincipal staff,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String slug,
            @RequestParam(defaultValue = "") String website,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "false") boolean active,
            RedirectAttributes redirect,
            Model model) {
        VendorView v = catalog.getVendor(id);
        Catalog.VendorForm form = vendorForm(name, slug, website, description, active);
        FormErrors errors = validate(form, id);
        if (errors.any()) {
            return vendorPage(model, v, form, EMPTY_MODULE, errors, FormErrors.none());
        }
        catalog.updateVendor(id, form, actor(staff));
        redirect.addFlashAttribute(UiAdvice.FLASH, "catalog.vendor.saved");
        return "redirect:/staff/vendors/" + id;
    }

    @PostMapping("/staff/vendors/{id}/modules")
    String addModule(
            @AuthenticationPrincipal ClanqPrincipal staff,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String slug,
            @RequestParam(defaultValue = "") String description,
            RedirectAttributes redirect,
            Model model) {
        VendorView v = catalog.getVendor(id);
        Catalog.ModuleForm form = moduleForm(name, slug, description);
        FormErrors errors = validate(id, form, null);
        if (errors.any()) {
            return vendorPage(model, v, savedForm(v), form, FormErrors.none(), errors);
        }
        catalog.addModule(id, form, actor(staff));
        redirect.addFlashAttribute(UiAdvice.FLASH, "catalog.module.saved");
        return "redirect:/staff/vendors/" + id;
    }

    @GetMapping("/staff/modules/{id}")
    String module(@PathVariable long id, Model model) {
        ModuleView m = catalog.module(id).orElseThrow(NotFoundException::new);
        model.addAttribute(
                "view",
                new ModulePage(
                        catalog.getVendor(m.vendorId()),
                        m,
                        new Catalog.ModuleForm(m.name(), m.slug(), m.description()),
                        FormErrors.none(),
                        successors(m)));
        return "catalog/staff-module";
    }

    @PostMapping("/staff/modules/{id}")
    String updateModule(
            @AuthenticationPrincipal ClanqPrincipal staff,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String slug,
            @RequestParam(defaultValue = "") String description,
            RedirectAttributes redirect,
            Model model) {
        ModuleView m = catalog.module(id).orElseThrow(NotFoundException::new);
        Catalog.ModuleForm form = moduleForm(name, slug, description);
        FormErrors errors = validate(m.vendorId(), form, id);
        if (errors.any()) {
            model.addAttribute("view", new ModulePage(catalog.getVendor(m.vendorId()), m, form, errors, successors(m)));
            return "catalog/staff-module";
        }
        catalog.updateModule(id, form, actor(staff));
        redirect.addFlashAttribute(UiAdvice.FLASH, "catalog.module.saved");
        return "redirect:/staff/vendors/" + m.vendorId();
    }

    private List<ModuleView> successors(ModuleView m) {
        return catalog.activeModules(m.vendorId()).stream()
                .filter(x -> x.id() != m.id())
                .toList();
    }

    /** C14: retire a module into a successor (topics and licences follow) or into an archive. */
    @PostMapping("/staff/modules/{id}/retire")
    String retire(
            @AuthenticationPrincipal ClanqPrincipal staff,
            @PathVariable long id,
            @RequestParam(required = false) Long successor,
            RedirectAttributes redirect) {
        ModuleView m = catalog.module(id).orElseThrow(NotFoundException::new);
        catalog.retireModule(id, successor, actor(staff));
        redirect.addFlashAttribute(
                UiAdvice.FLASH, successor == null ? "catalog.module.archived" : "catalog.module.merged");
        return "redirect:/staff/vendors/" + m.vendorId();
    }

    private FormErrors validate(Catalog.VendorForm form, Long id) {
        FormErrors errors = FormErrors.none();
        if (!errors.check(form.name().isEmpty(), "name", "form.required")) {
            errors.check(form.name().length() > 100, "name", "form.tooLong", 100);
        }
        if (!errors.check(!form.slug().matches(SLUG), "slug", "catalog.slug.invalid")) {
            errors.check(catalog.slugTaken(form.slug(), id), "slug", "catalog.slug.taken");
        }
        errors.check(
                !form.website().isEmpty() && !form.website().matches("^https?://[^\\s]+$"),
                "website",
                "catalog.website.invalid");
        errors.check(form.description().length() > 2000, "description", "form.tooLong", 2000);
        return errors;
    }

    private FormErrors validate(long vendorId, Catalog.ModuleForm form, Long id) {
        FormErrors errors = FormErrors.none();
        if (!errors.check(form.name().isEmpty(), "name", "form.required")) {
            errors.check(form.name().length() > 100, "name", "form.tooLong", 100);
        }
        if (!errors.check(!form.slug().matches(SLUG), "slug", "catalog.slug.invalid")) {
            errors.check(catalog.moduleSlugTaken(vendorId, form.slug(), id), "slug", "catalog.slug.taken");
        }
        errors.check(form.description().length() > 2000, "description", "form.tooLong", 2000);
        return errors;
    }

    private static Catalog.VendorForm vendorForm(
            String name, String slug, String website, String description, boolean active) {
        return new Catalog.VendorForm(name.strip(), slugOf(slug, name), website.strip(), description.strip(), active);
    }

    private static Catalog.ModuleForm moduleForm(String name, String slug, String description) {
        return new Catalog.ModuleForm(name.strip(), slugOf(slug, name), description.strip());
    }

    /** The given slug, or one made from the name when left empty. */
    static String slugOf(String slug, String name) {
        String base = slug.isBlank() ? name : slug;
        return java.text.Normalizer.normalize(base.strip().toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Catalog.Actor actor(ClanqPrincipal staff) {
        return new Catalog.Actor(staff.id(), staff.displayName() + " <" + staff.email() + ">");
    }
}
