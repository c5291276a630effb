package nl.clanq.shared.demo;

/**
 * Contributed by a module that brings demo data. Each seeder runs once per database, in
 * {@link #order()}, inside its own transaction; its {@link #name()} is recorded so that it never
 * runs again. A later release can add a seeder and an existing demo database receives its data.
 */
public interface DemoSeeder {

    /** Stable name, recorded once the seeder has run. */
    String name();

    /** Seeders run in ascending order; modules that others build on seed first. */
    int order();

    /**
     * True when the module's tables already hold rows that this seeder did not write. Demo mode
     * refuses to seed into such a database.
     */
    boolean hasForeignData();

    void seed(DemoContext context);
}
