package nl.clanq.legal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.clanq.mail.MailMessage;
import nl.clanq.mail.Mailer;
import nl.clanq.shared.audit.AuditFacts;
import nl.clanq.shared.audit.Audited;
import nl.clanq.shared.db.Rows;
import nl.clanq.shared.markdown.Markdown;
import nl.clanq.shared.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The versioned terms of use and privacy statement (C10, C11, C15, B7): public current versions and
 * history, and publication by administrators, which mails every user the summary and the date.
 */
@Service
@Transactional
public class LegalDocuments {

    private final JdbcClient jdbc;
    private final Markdown markdown;
    private final Mailer mailer;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final Acceptances acceptances;

    LegalDocuments(
            JdbcClient jdbc,
            Markdown markdown,
            Mailer mailer,
            MessageSource messages,
            ApplicationEventPublisher events,
            Acceptances acceptances) {
        this.acceptances = acceptances;
        this.jdbc = jdbc;
        this.markdown = markdown;
        this.mailer = mailer;
        this.messages = messages;
        this.events = events;
    }

    public record Version(
            long id,
            String document,
            String version,
            String summary,
            String bodyHtml,
            Instant effectiveAt,
            Instant publishedAt) {

        public boolean inForce() {
            return !effectiveAt.isAfter(Instant.now());
        }
    }

    private static final String VERSION =
            "select id, document, version, summary, body_html, effective_at, published_at from legal_version";

    /** The version in force now. */
    @Transactional(readOnly = true)
    public Optional<Version> current(String document) {
        return jdbc.sql(VERSION
                        + " where document = ? and effective_at <= now() order by effective_at desc, id desc limit 1")
                .param(document)
                .query(Rows.of(Version.class))
                .optional();
    }

    /** Every published version, announced ones included, newest first. */
    @Transactional(readOnly = true)
    public List<Version> history(String document) {
        return jdbc.sql(VERSION + " where document = ? order by effective_at desc, id desc")
                .param(document)
                .query(Rows.of(Version.class))
                .list();
    }

    @Transactional(readOnly = true)
    public Version version(String document, long id) {
        return jdbc.sql(VERSION + " where document = ? and id = ?")
                .params(document, id)
                .query(Rows.of(Version.class))
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    @Transactional(readOnly = true)
    public boolean versionTaken(String document, String version) {
        return jdbc.sql("select count(*) from legal_version where document = ? and version = ?")
                        .params(document, version)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /**
     * B7: an administrator publishes a new version; every active user is mailed the summary and the
     * date from which it applies. From that date, everyone accepts it at their next request.
     */
    public long publish(
            String document,
            String version,
            String summary,
            String body,
            OffsetDateTime effectiveAt,
            long staffId,
            String staffLabel) {
        long id = jdbc.sql(
                        """
                        insert into legal_version (document, version, summary, body_source, body_html, effective_at, published_by)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(document, version, summary, body, markdown.render(body), effectiveAt, staffId)
                .query(Long.class)
                .single();
        acceptances.published();
        record Recipient(String email, String locale) {}
        List<Recipient> everyone = jdbc.sql("select email, locale from app_user where status = 'ACTIVE'")
                .query(Rows.of(Recipient.class))
                .list();
        String path = document.equals("TERMS") ? "/terms" : "/privacy";
        for (Recipient r : everyone) {
            Locale l = Locale.of(r.locale());
            String name = messages.getMessage("legal.document." + document, null, l);
            String date = java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.LONG)
                    .withLocale(l)
                    .format(effectiveAt.atZoneSameInstant(java.time.ZoneId.of("Europe/Amsterdam")));
            mailer.send(MailMessage.to(r.email(), l)
                    .kind("legal.new-version")
                    .bulk()
                    .subject(messages.getMessage("mail.legal.subject", new Object[] {name}, l))
                    .paragraph(messages.getMessage("mail.legal.text", new Object[] {name, date}, l))
                    .paragraph(summary)
                    .action(messages.getMessage("mail.legal.action", null, l), mailer.link(path + "/versions/" + id))
                    .build());
        }
        events.publishEvent(new LegalPublished(staffId, staffLabel, id, document, version, effectiveAt.toString()));
        return id;
    }

    /** An administrator published a version of a legal document (S8). */
    public record LegalPublished(
            long actorId, String actorLabel, long versionId, String document, String version, String effectiveAt)
            implements Audited {
        @Override
        public AuditFacts audit() {
            return new AuditFacts(
                    actorId,
                    actorLabel,
                    "legal.version.published",
                    "legal-version",
                    Long.toString(versionId),
                    null,
                    Map.of("document", document, "version", version, "effectiveAt", effectiveAt));
        }
    }
}
