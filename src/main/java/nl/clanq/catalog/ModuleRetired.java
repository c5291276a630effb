package nl.clanq.catalog;

/**
 * Staff retired a module (C14): into a successor (its topics and licences move there) or, with
 * {@code successorId} null, without one (its forum becomes a read-only archive).
 */
public record ModuleRetired(long moduleId, long vendorId, Long successorId, long actorId, String actorLabel) {}
