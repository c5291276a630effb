package nl.clanq.catalog;

import nl.clanq.shared.demo.DemoContext;
import nl.clanq.shared.demo.DemoSeeder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Demo: one fictitious HR-software vendor with seven modules. */
@Component
class CatalogDemoData implements DemoSeeder {

    static final String[][] MODULES = {
        {
            "Salarisadministratie",
            "salarisadministratie",
            "Salarisverwerking, loonstroken, loonaangifte en jaarafsluiting."
        },
        {"Verlof en verzuim", "verlof-en-verzuim", "Verlofregistratie, saldi, ziek- en herstelmeldingen."},
        {"Personeelsdossier", "personeelsdossier", "Digitaal dossier, documenten en bewaartermijnen."},
        {"Selfservice", "selfservice", "Employee en manager selfservice: workflows, formulieren en autorisaties."},
        {"Rapportage", "rapportage", "Standaardrapporten, eigen rapporten en analyses."},
        {"Werving en selectie", "werving-en-selectie", "Vacatures, sollicitanten en onboarding."},
        {"Koppelingen", "koppelingen", "Interfaces met financiële systemen, pensioenfondsen en de Belastingdienst."}
    };

    private final JdbcClient jdbc;

    CatalogDemoData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "catalog";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public boolean hasForeignData() {
        return jdbc.sql("select count(*) from vendor").query(Long.class).single() > 0;
    }

    @Override
    public void seed(DemoContext context) {
        long vendorId = jdbc.sql(
                        """
                        insert into vendor (name, slug, website, description)
                        values ('Personeelsplein', 'personeelsplein', 'https://www.example.nl',
                                'Fictieve leverancier van HR- en salarissoftware voor de demo van Clanq.')
                        returning id""")
                .query(Long.class)
                .single();
        int position = 1;
        for (String[] m : MODULES) {
            jdbc.sql(
                            """
                            insert into software_module (vendor_id, name, slug, description, position)
                            values (?, ?, ?, ?, ?)""")
                    .params(vendorId, m[0], m[1], m[2], position++)
                    .update();
        }
    }
}
