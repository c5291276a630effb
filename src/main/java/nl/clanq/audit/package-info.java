/**
 * The append-only audit log (S8): every {@link nl.clanq.shared.audit.Audited} event is written in
 * the transaction of the act itself, the database refuses to change or remove entries, and staff
 * (and owners, for their own organisation) page through the log with filters via {@link
 * nl.clanq.audit.AuditTrail}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "organisations", "accounts"})
package nl.clanq.audit;
