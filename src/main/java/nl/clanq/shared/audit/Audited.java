package nl.clanq.shared.audit;

/**
 * Implemented by domain events that must be written to the audit log (S8). The audit module
 * listens synchronously, so the entry is written in the transaction of the act itself: no act
 * without its entry, no entry for an act that was rolled back.
 */
public interface Audited {

    AuditFacts audit();
}
