package nl.clanq.legal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import nl.clanq.shared.demo.DemoContext;
import nl.clanq.shared.demo.DemoSeeder;
import nl.clanq.shared.markdown.Markdown;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo: an earlier version of the terms of use from the pilot, so the public history shows two
 * versions and the differences between them. The current version (from the migration) stays the
 * one demo members have accepted.
 */
@Component
class LegalDemoData implements DemoSeeder {

    static final String PILOT_TERMS =
            """
            Clanq is een platform voor kennisdeling tussen functioneel beheerders van klanten van dezelfde HR-softwareleverancier. Deze voorwaarden gelden voor de pilot.

            ## Gebruik van het platform
            U stelt en beantwoordt vragen in het forum van de module waar het onderwerp onder valt. U deelt geen vertrouwelijke gegevens van uw organisatie of van personen.

            ## Naleving
            Clanq kan vragen en reacties redigeren of naar het juiste forum verplaatsen.

            ## Aansprakelijkheid
            Clanq is niet verantwoordelijk voor de inhoud van berichten van leden. Antwoorden op het platform zijn geen advies van de leverancier.
            """;

    private final JdbcClient jdbc;
    private final Markdown markdown;
    private final Acceptances acceptances;

    LegalDemoData(JdbcClient jdbc, Markdown markdown, Acceptances acceptances) {
        this.acceptances = acceptances;
        this.jdbc = jdbc;
        this.markdown = markdown;
    }

    @Override
    public String name() {
        return "legal";
    }

    @Override
    public int order() {
        return 5;
    }

    @Override
    public boolean hasForeignData() {
        return jdbc.sql("select count(*) from legal_version where version not like '%-provisional'")
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public void seed(DemoContext context) {
        jdbc.sql(
                        """
                        insert into legal_version (document, version, summary, body_source, body_html, effective_at, published_at)
                        values ('TERMS', '2026-05-pilot', 'Voorwaarden voor de pilot.', ?, ?, ?, ?)""")
                .params(
                        PILOT_TERMS,
                        markdown.render(PILOT_TERMS),
                        OffsetDateTime.of(2026, 5, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                        OffsetDateTime.of(2026, 4, 15, 9, 0, 0, 0, ZoneOffset.UTC))
                .update();
        acceptances.published();
    }
}
