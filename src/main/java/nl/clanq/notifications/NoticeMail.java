package nl.clanq.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import nl.clanq.forums.Reader;
import nl.clanq.mail.MailMessage;
import nl.clanq.mail.Mailer;
import nl.clanq.notifications.NoticeKind.Delivery;
import nl.clanq.notifications.NoticeMailing.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides for every new (PENDING) notice how it is mailed, and sends the immediate ones in batches.
 *
 * <p>Batching: a member's first immediate notice waits {@code clanq.notifications.batch-window} (5
 * minutes) before it is mailed, and everything that arrived for them by then goes in the same mail.
 * We wait rather than mail the first one at once because a reply often comes with more (a
 * discussion takes off, someone quotes and mentions), because the member may well see it in Clanq
 * meanwhile (a notice read in the app is not mailed), and because a later mail never has to say
 * less than an earlier one.
 *
 * <p>Cap: at most {@code clanq.notifications.mails-per-hour} (4) immediate mails per member in any
 * hour. Over the cap, notices stay PENDING and go together in one mail as soon as the oldest mail of
 * that hour is an hour old: the member still hears of them within the hour, and never more often
 * than the cap; the digest, which may be a week away, would be too late for a reply. (A member at
 * the cap is left alone until a slot is free, so their other new notices are sorted then too.)
 *
 * <p>Right before a mail goes, each notice is checked against what the recipient may read now
 * (S9): one they cannot read any more (licence dropped, topic moved) is SKIPPED for mail, and so
 * is everything for a deactivated or blocked person or an unconfirmed address. Kinds the member
 * wants in the digest become DIGEST (or SKIPPED when the digest is off); NEVER becomes SKIPPED.
 *
 * <p>Every node runs it: a member's pending notices are claimed with {@code for update skip
 * locked}, so no two nodes mail the same notice.
 */
@Component
class NoticeMail {

    private static final Logger log = LoggerFactory.getLogger(NoticeMail.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final NoticeMailing mailing;
    private final NoticePreferences preferences;
    private final Mailer mailer;
    private final NoticeMailProperties properties;
    private final Clock clock;

    NoticeMail(
            JdbcClient jdbc,
            TransactionTemplate tx,
            NoticeMailing mailing,
            NoticePreferences preferences,
            Mailer mailer,
            NoticeMailProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.mailing = mailing;
        this.preferences = preferences;
        this.mailer = mailer;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${clanq.notifications.mail-poll:45s}",
            initialDelayString = "${clanq.notifications.mail-poll:45s}")
    void poll() {
        MemberRounds.repeat(this::sendDue, log, "Notices could not be read for mail");
    }

    /**
     * One look at the pending notices: every member with a notice older than the batch window (and
     * a free slot under the cap) is handled, each in a transaction of their own. Answers how many
     * members were looked at.
     */
    int sendDue() {
        Instant now = clock.instant();
        List<Long> members = jdbc.sql(
                        """
                        select p.user_id from (
                            select user_id, min(created_at) as oldest from notice
                            where mail_state = 'PENDING' and created_at <= :due group by user_id) p
                        where (select count(distinct s.mailed_at) from notice s
                               where s.user_id = p.user_id and s.mail_state = 'SENT' and s.mailed_at > :hourAgo) < :cap
                        order by p.oldest limit :limit""")
                .param("due", NoticeMailing.utc(now.minus(properties.batchWindow())))
                .param("hourAgo", NoticeMailing.utc(now.minus(Duration.ofHours(1))))
                .param("cap", properties.mailsPerHour())
                .param("limit", MemberRounds.MEMBERS_PER_ROUND)
                .query(Long.class)
                .list();
        return MemberRounds.each(
                tx, members, userId -> mailMember(userId, now), log, "Notices of a member could not be mailed");
    }

    private void mailMember(long userId, Instant now) {
        List<MailedNotice> pending = jdbc.sql(
                        "select " + MailedNotice.COLUMNS
                                + """
                         from notice n left join app_user a on a.id = n.actor_id
                        where n.user_id = ? and n.mail_state = 'PENDING' and n.created_at <= ?
                        order by n.created_at, n.id
                        for update of n skip locked""")
                .params(userId, NoticeMailing.utc(now))
                .query(MailedNotice::of)
                .list();
        Optional<Recipient> recipient = mailing.recipient(userId);
        if (pending.isEmpty() || recipient.isEmpty()) {
            return;
        }
        NoticePreferences.Settings settings = preferences.of(userId);
        List<Long> skipped = new ArrayList<>();
        List<Long> toDigest = new ArrayList<>();
        List<MailedNotice> immediate = new ArrayList<>();
        for (MailedNotice notice : pending) {
            Delivery delivery = notice.kind() == null ? Delivery.NEVER : settings.delivery(notice.kind());
            switch (delivery) {
                case NEVER -> skipped.add(notice.id());
                case DIGEST ->
                    (settings.digest() == NoticePreferences.Digest.NEVER ? skipped : toDigest).add(notice.id());
                case IMMEDIATELY -> {
                    // Seen in Clanq already: a mail would only repeat it.
                    if (notice.readAt() != null) {
                        skipped.add(notice.id());
                    } else {
                        immediate.add(notice);
                    }
                }
            }
        }
        mailing.mark(toDigest, "DIGEST", null);
        if (!immediate.isEmpty() && !mailing.mayBeMailed(recipient.get())) {
            immediate.forEach(n -> skipped.add(n.id()));
            immediate.clear();
        }
        mailing.mark(skipped, "SKIPPED", null);
        if (immediate.isEmpty() || !due(userId, immediate, now)) {
            return;
        }
        Reader reader = mailing.reader(recipient.get());
        List<MailedNotice> readable = new ArrayList<>();
        List<Long> unreadable = new ArrayList<>();
        for (MailedNotice notice : immediate) {
            if (mailing.mayRead(reader, notice)) {
                readable.add(notice);
            } else {
                unreadable.add(notice.id());
            }
        }
        mailing.mark(unreadable, "SKIPPED", null);
        if (readable.isEmpty()) {
            return;
        }
        mailer.send(mail(recipient.get(), readable));
        mailing.mark(readable.stream().map(MailedNotice::id).toList(), "SENT", now);
    }

    /** The batch window of the oldest notice has passed, and the member has a free slot under the cap. */
    private boolean due(long userId, List<MailedNotice> immediate, Instant now) {
        Instant oldest = immediate.stream()
                .map(MailedNotice::createdAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        if (oldest.isAfter(now.minus(properties.batchWindow()))) {
            return false;
        }
        // All notices of one mail share its mailed_at: the distinct moments are the mails.
        int mailsThisHour = jdbc.sql(
                        """
                        select count(distinct mailed_at) from notice
                        where user_id = ? and mail_state = 'SENT' and mailed_at > ?""")
                .params(userId, NoticeMailing.utc(now.minus(Duration.ofHours(1))))
                .query(Integer.class)
                .single();
        return mailsThisHour < properties.mailsPerHour();
    }

    private MailMessage mail(Recipient recipient, List<MailedNotice> notices) {
        Locale l = recipient.locale();
        Set<NoticeKind> kinds = EnumSet.noneOf(NoticeKind.class);
        notices.forEach(n -> kinds.add(n.kind()));
        MailMessage.Builder mail = MailMessage.to(recipient.email(), l).kind("notifications.notice");
        if (notices.size() == 1) {
            MailedNotice notice = notices.getFirst();
            String sentence = mailing.sentence(notice, l);
            mail.subject(sentence).paragraph(sentence);
            mailing.reason(notice, l).ifPresent(mail::paragraph);
            mail.action(mailing.t("noticemail.open", l), mailing.link(notice));
        } else {
            List<String> lines = new ArrayList<>();
            for (MailedNotice notice : notices) {
                lines.add("• " + mailing.sentence(notice, l)
                        + mailing.reason(notice, l).map(r -> " — " + r).orElse(""));
            }
            mail.subject(mailing.t("noticemail.batch.subject", l))
                    .paragraph(mailing.t("noticemail.batch.intro", l, notices.size()))
                    .paragraph(String.join("\n", lines))
                    .action(mailing.t("noticemail.batch.action", l), mailing.link("/notices"));
        }
        return mail.unsubscribe(
                        mailing.t("noticemail.unsubscribe.kinds", l, mailing.kindNames(kinds, l)),
                        mailing.unsubscribeLink(Unsubscription.ofKinds(recipient.id(), kinds)))
                .build();
    }
}
