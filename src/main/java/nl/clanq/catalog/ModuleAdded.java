package nl.clanq.catalog;

/** A vendor shipped a new module; its forum follows (C14). */
public record ModuleAdded(long moduleId, long vendorId, String name, String slug) {}
