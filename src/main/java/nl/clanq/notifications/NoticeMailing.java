package nl.clanq.notifications;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nl.clanq.forums.ForumAccess;
import nl.clanq.forums.Forums;
import nl.clanq.forums.Reader;
import nl.clanq.mail.Mailer;
import nl.clanq.moderation.Sanctions;
import nl.clanq.shared.db.Rows;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the immediate mails and the digest share: who may be mailed at all, whether a notice may
 * still be shown to its recipient, and the text of a notice in the recipient's language.
 */
@Component
class NoticeMailing {

    /** Kinds whose {@code detail} is a reason staff gave; other details never go into a mail. */
    private static final Set<NoticeKind> STAFF_ACTS =
            EnumSet.of(NoticeKind.EDITED_BY_STAFF, NoticeKind.MOVED, NoticeKind.MERGED);

    private final JdbcClient jdbc;
    private final ForumAccess access;
    private final Forums forums;
    private final Sanctions sanctions;
    private final Mailer mailer;
    private final MessageSource messages;
    private final UnsubscribeTokens tokens;

    NoticeMailing(
            JdbcClient jdbc,
            ForumAccess access,
            Forums forums,
            Sanctions sanctions,
            Mailer mailer,
            MessageSource messages,
            UnsubscribeTokens tokens) {
        this.jdbc = jdbc;
        this.access = access;
        this.forums = forums;
        this.sanctions = sanctions;
        this.mailer = mailer;
        this.messages = messages;
        this.tokens = tokens;
    }

    /** The person a mail would go to, as they are now. */
    record Recipient(long id, String email, Locale locale, boolean staff, boolean active, boolean emailVerified) {}

    Optional<Recipient> recipient(long userId) {
        record Row(long id, String email, String locale, boolean staff, String status, boolean emailVerified) {}
        return jdbc.sql(
                        """
                        select id, email, locale, staff_role is not null as staff, status, email_verified
                        from app_user where id = ?""")
                .param(userId)
                .query(Rows.of(Row.class))
                .optional()
                .map(r -> new Recipient(
                        r.id(),
                        r.email(),
                        Locale.of(r.locale()),
                        r.staff(),
                        "ACTIVE".equals(r.status()),
                        r.emailVerified()));
    }

    /** Deactivated and blocked people, and addresses nobody confirmed, get no notice mail at all. */
    boolean mayBeMailed(Recipient recipient) {
        return recipient.active() && recipient.emailVerified() && !sanctions.isBlocked(recipient.id());
    }

    /** What the recipient may read now (S9): their seats and confirmed licences of this moment. */
    Reader reader(Recipient recipient) {
        return access.reader(recipient.id(), recipient.staff());
    }

    /**
     * S9: whether the notice's subject is readable for {@code reader} right now. The most specific
     * thing it names decides, with the check of the page its link opens: a post or topic is judged
     * in the forum it is in now ({@link Reader#mayRead} through {@link Forums#findTopic}, which also
     * covers a topic that was moved or deleted, and the C13 exception for the author of a moved
     * topic), a merged topic by the topic it went into, and a notice that names only a forum by
     * {@link Reader#mayRead} of that forum. Nothing here throws: the caller's transaction goes on.
     */
    boolean mayRead(Reader reader, MailedNotice notice) {
        Long topicId = notice.postId() == null
                ? notice.topicId()
                : jdbc.sql("select topic_id from post where id = ?")
                        .param(notice.postId())
                        .query(Long.class)
                        .optional()
                        .orElse(-1L);
        if (topicId != null) {
            return forums.findTopic(reader, currentTopic(topicId)).isPresent();
        }
        if (notice.forumId() != null) {
            return forums.forumById(notice.forumId()).map(reader::mayRead).orElse(false);
        }
        return true;
    }

    /** A merged topic (C13) lives on in the topic it went into, which may have been merged again. */
    private long currentTopic(long topicId) {
        long current = topicId;
        for (int hops = 0; hops < 10; hops++) {
            Optional<Long> into = jdbc.sql("select merged_into from topic where id = ? and merged_into is not null")
                    .param(current)
                    .query(Long.class)
                    .optional();
            if (into.isEmpty()) {
                return current;
            }
            current = into.get();
        }
        return current;
    }

    /** One line about the notice: who did what, with the topic title. Never a post's text. */
    String sentence(MailedNotice notice, Locale locale) {
        String actor = notice.actorName() == null || notice.actorName().isBlank()
                ? t("noticemail.someone", locale)
                : oneLine(notice.actorName());
        return t("noticemail.line." + notice.kind().name(), locale, actor, oneLine(notice.title()));
    }

    /** "Reason: …" for a staff act that came with a reason; empty otherwise. */
    Optional<String> reason(MailedNotice notice, Locale locale) {
        if (!STAFF_ACTS.contains(notice.kind())
                || notice.detail() == null
                || notice.detail().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(t("noticemail.reason", locale, oneLine(notice.detail())));
    }

    /** The absolute link of the notice; its list in Clanq when the stored path is not a plain path. */
    String link(MailedNotice notice) {
        String url = notice.url();
        boolean path = url != null && url.startsWith("/") && !url.startsWith("//") && url.matches("[\\x21-\\x7e]+");
        return mailer.link(path ? url : "/notices");
    }

    String link(String path) {
        return mailer.link(path);
    }

    String unsubscribeLink(Unsubscription unsubscription) {
        return mailer.link("/unsubscribe/" + tokens.issue(unsubscription));
    }

    /** "replies to your topics, mentions" in the recipient's language, for unsubscribe texts. */
    String kindNames(Collection<NoticeKind> kinds, Locale locale) {
        List<String> names = EnumSet.copyOf(kinds).stream()
                .map(k -> t("noticemail.kind." + k.name() + ".short", locale))
                .toList();
        if (names.size() == 1) {
            return names.getFirst();
        }
        return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", "))
                + t("noticemail.and", locale)
                + names.getLast();
    }

    void mark(Collection<Long> noticeIds, String state, Instant mailedAt) {
        if (noticeIds.isEmpty()) {
            return;
        }
        if (mailedAt == null) {
            jdbc.sql("update notice set mail_state = ? where id = any(?)")
                    .params(state, noticeIds.toArray(Long[]::new))
                    .update();
        } else {
            jdbc.sql("update notice set mail_state = ?, mailed_at = ? where id = any(?)")
                    .params(state, utc(mailedAt), noticeIds.toArray(Long[]::new))
                    .update();
        }
    }

    String t(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** Titles, names and reasons are typed by people: one line each, so they fit a subject or a list. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
