/**
 * Outgoing e-mail. Other modules hand a {@link nl.clanq.mail.MailMessage} to the
 * {@link nl.clanq.mail.Mailer} inside their own transaction; the mail is rendered (HTML and plain
 * text, in the recipient's language) and written to an outbox table, so it exists if and only if
 * the change that caused it commits. A scheduled sender delivers the outbox over SMTP with retries
 * and back-off, and staff see failed and queued mail (and, in demo mode, every mail) under
 * {@code /staff/mail}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package nl.clanq.mail;
