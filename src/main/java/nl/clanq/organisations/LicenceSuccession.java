package nl.clanq.organisations;

import java.util.List;
import java.util.Map;
import nl.clanq.accounts.Accounts;
import nl.clanq.catalog.Catalog;
import nl.clanq.catalog.ModuleRetired;
import nl.clanq.catalog.ModuleView;
import nl.clanq.shared.db.Rows;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * C14: when a module is retired into a successor, licences of the retired module become licences
 * of the successor, and the owners of the organisations concerned are told by mail.
 */
@Component
class LicenceSuccession {

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final Accounts accounts;
    private final OrganisationMail mail;
    private final ApplicationEventPublisher events;

    LicenceSuccession(
            JdbcClient jdbc,
            Catalog catalog,
            Accounts accounts,
            OrganisationMail mail,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.accounts = accounts;
        this.mail = mail;
        this.events = events;
    }

    @EventListener
    void on(ModuleRetired retired) {
        if (retired.successorId() == null) {
            return;
        }
        record Affected(long membershipId, long organisationId, long ownerId) {}
        List<Affected> affected = jdbc.sql(
                        """
                        select l.membership_id, m.organisation_id, o.owner_user_id as owner_id
                        from licence l join membership m on m.id = l.membership_id
                        join organisation o on o.id = m.organisation_id
                        where l.module_id = ?""")
                .param(retired.moduleId())
                .query(Rows.of(Affected.class))
                .list();
        jdbc.sql(
                        """
                        insert into licence (membership_id, module_id, confirmed_at)
                        select membership_id, ?, confirmed_at from licence where module_id = ?
                        on conflict (membership_id, module_id) do update
                            set confirmed_at = coalesce(licence.confirmed_at, excluded.confirmed_at)""")
                .params(retired.successorId(), retired.moduleId())
                .update();
        jdbc.sql("delete from licence where module_id = ?")
                .param(retired.moduleId())
                .update();
        String from = catalog.module(retired.moduleId()).map(ModuleView::name).orElse("");
        String to = catalog.module(retired.successorId()).map(ModuleView::name).orElse("");
        for (Affected a : affected) {
            mail.moduleRetired(accounts.get(a.ownerId()), from, to);
            events.publishEvent(new LicencesChanged(a.membershipId(), a.organisationId()));
            events.publishEvent(new OrganisationChanged(
                    retired.actorId(),
                    retired.actorLabel(),
                    "organisation.licences.succeeded",
                    "membership",
                    Long.toString(a.membershipId()),
                    a.organisationId(),
                    Map.of("from", from, "to", to)));
        }
    }
}
