package nl.clanq.catalog;

/** A vendor community as other modules see it. */
public record VendorView(long id, String name, String slug, String website, String description, boolean active) {}
