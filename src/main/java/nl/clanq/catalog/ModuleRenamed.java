package nl.clanq.catalog;

/** Staff renamed a module; its forum follows and its old address keeps working (C14). */
public record ModuleRenamed(long moduleId, long vendorId, String oldSlug, String newSlug, String name) {}
