package nl.clanq.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalog facade: vendors and their modules, read by everyone and maintained by staff. */
@Service
@Transactional
public class Catalog {

    private static final String VENDOR = "select id, name, slug, website, description, active from vendor";
    private static final String MODULE =
            "select id, vendor_id, name, slug, description, status, position from software_module";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    Catalog(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<VendorView> vendors() {
        return jdbc.sql(VENDOR + " order by lower(name)")
                .query(Rows.of(VendorView.class))
                .list();
    }

    @Transactional(readOnly = true)
    public List<VendorView> activeVendors() {
        return jdbc.sql(VENDOR + " where active order by lower(name)")
                .query(Rows.of(VendorView.class))
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<VendorView> vendor(long id) {
        return jdbc.sql(VENDOR + " where id = ?")
                .param(id)
                .query(Rows.of(VendorView.class))
                .optional();
    }

    @Transactional(readOnly = true)
    public VendorView getVendor(long id) {
        return vendor(id).orElseThrow(NotFoundException::new);
    }

    @Transactional(readOnly = true)
    public List<ModuleView> modules(long vendorId) {
        return jdbc.sql(MODULE + " where vendor_id = ? order by position, lower(name)")
                .param(vendorId)
                .query(Rows.of(ModuleView.class))
                .list();
    }

    @Transactional(readOnly = true)
    public List<ModuleView> activeModules(long vendorId) {
        return modules(vendorId).stream().filter(ModuleView::active).toList();
    }

    @Transactional(readOnly = true)
    public Optional<ModuleView> module(long id) {
        return jdbc.sql(MODULE + " where id = ?")
                .param(id)
                .query(Rows.of(ModuleView.class))
                .optional();
    }

    @Transactional(readOnly = true)
    public List<ModuleView> modulesById(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(MODULE + " where id = any(?) order by position, lower(name)")
                .param(ids.toArray(Long[]::new))
                .query(Rows.of(ModuleView.class))
                .list();
    }

    /** True when every id is an active module of {@code vendorId}. */
    @Transactional(readOnly = true)
    public boolean areActiveModulesOf(long vendorId, Set<Long> moduleIds) {
        long found = activeModules(vendorId).stream()
                .filter(m -> moduleIds.contains(m.id()))
                .count();
        return found == moduleIds.size();
    }

    @Transactional(readOnly = true)
    public boolean slugTaken(String slug, Long exceptVendorId) {
        return jdbc.sql("select count(*) from vendor where slug = ? and id is distinct from ?")
                        .params(slug, exceptVendorId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Transactional(readOnly = true)
    public boolean moduleSlugTaken(long vendorId, String slug, Long exceptModuleId) {
        return jdbc.sql(
                                "select count(*) from software_module where vendor_id = ? and slug = ? and id is distinct from ?")
                        .params(vendorId, slug, exceptModuleId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public long createVendor(VendorForm form, Actor actor) {
        long id = jdbc.sql(
                        "insert into vendor (name, slug, website, description, active) values (?, ?, ?, ?, ?) returning id")
                .params(form.name(), form.slug(), blankToNull(form.website()), form.description(), form.active())
                .query(Long.class)
                .single();
        events.publishEvent(
                new CatalogChanged(actor.id(), actor.label(), "catalog.vendor.created", "vendor", id, form.name()));
        return id;
    }

    public void updateVendor(long id, VendorForm form, Actor actor) {
        getVendor(id);
        jdbc.sql("update vendor set name = ?, slug = ?, website = ?, description = ?, active = ? where id = ?")
                .params(form.name(), form.slug(), blankToNull(form.website()), form.description(), form.active(), id)
                .update();
        events.publishEvent(
                new CatalogChanged(actor.id(), actor.label(), "catalog.vendor.updated", "vendor", id, form.name()));
    }

    public long addModule(long vendorId, ModuleForm form, Actor actor) {
        getVendor(vendorId);
        long id = jdbc.sql(
                        """
                        insert into software_module (vendor_id, name, slug, description, position)
                        values (?, ?, ?, ?, (select coalesce(max(position), 0) + 1 from software_module where vendor_id = ?))
                        returning id""")
                .params(vendorId, form.name(), form.slug(), form.description(), vendorId)
                .query(Long.class)
                .single();
        events.publishEvent(new ModuleAdded(id, vendorId, form.name(), form.slug()));
        events.publishEvent(
                new CatalogChanged(actor.id(), actor.label(), "catalog.module.added", "module", id, form.name()));
        return id;
    }

    public void updateModule(long moduleId, ModuleForm form, Actor actor) {
        ModuleView before = module(moduleId).orElseThrow(NotFoundException::new);
        jdbc.sql("update software_module set name = ?, slug = ?, description = ? where id = ?")
                .params(form.name(), form.slug(), form.description(), moduleId)
                .update();
        events.publishEvent(new CatalogChanged(
                actor.id(), actor.label(), "catalog.module.updated", "module", moduleId, form.name()));
        if (!before.slug().equals(form.slug()) || !before.name().equals(form.name())) {
            events.publishEvent(
                    new ModuleRenamed(moduleId, before.vendorId(), before.slug(), form.slug(), form.name()));
        }
    }

    /**
     * C14: the module is retired, into {@code successorId} (an active module of the same vendor)
     * or without successor. The forums and licences follow through {@link ModuleRetired}.
     */
    public void retireModule(long moduleId, Long successorId, Actor actor) {
        ModuleView module = module(moduleId).filter(ModuleView::active).orElseThrow(NotFoundException::new);
        if (successorId != null) {
            module(successorId)
                    .filter(m -> m.active() && m.vendorId() == module.vendorId() && m.id() != moduleId)
                    .orElseThrow(NotFoundException::new);
        }
        jdbc.sql("update software_module set status = 'RETIRED' where id = ?")
                .param(moduleId)
                .update();
        events.publishEvent(new CatalogChanged(
                actor.id(),
                actor.label(),
                successorId == null ? "catalog.module.retired" : "catalog.module.retired-into-successor",
                "module",
                moduleId,
                module.name()));
        events.publishEvent(new ModuleRetired(moduleId, module.vendorId(), successorId, actor.id(), actor.label()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Who acts, for the audit log. */
    public record Actor(long id, String label) {}

    public record VendorForm(String name, String slug, String website, String description, boolean active) {}

    public record ModuleForm(String name, String slug, String description) {}
}
