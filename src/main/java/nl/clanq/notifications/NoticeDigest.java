package nl.clanq.notifications;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.clanq.forums.Reader;
import nl.clanq.mail.MailMessage;
import nl.clanq.mail.Mailer;
import nl.clanq.notifications.NoticeMailing.Recipient;
import nl.clanq.shared.db.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The digest: daily or weekly, as each member chooses, a mail with what is new in the forums they
 * may read — new topics, unanswered questions, the most active topics — and their notices that
 * wait for the digest (DIGEST).
 *
 * <p>The period of a digest starts at the later of the previous digest and one period ago (a day,
 * or seven days), so a digest never reaches back further than its period. A member is due once a
 * period has passed since {@code last_digest_at}; the digest goes only when there is something new
 * <em>and</em> the member has not visited Clanq since the period started. "Visited" is the latest
 * of their last sign-in ({@code app_user.last_signed_in_at}) and the last time they read a topic
 * ({@code topic_read.read_at}): someone who comes to Clanq anyway does not need to be told what is
 * new there. When a due member has nothing new, the period is closed all the same
 * ({@code last_digest_at} moves on), so the next look is one period later.
 *
 * <p>Sections: "new topics" are topics started in the period that already have a reply;
 * "unanswered questions" are topics started in the period that have no reply yet (an accepted
 * answer is too rare a signal: nearly every topic would be listed); "most active" are older topics
 * with the most new replies in the period. Each topic appears once, the member's own topics not at
 * all. Titles and forum names only, never a post's text.
 *
 * <p>Every node runs it: a member's digest is claimed by locking their {@code notice_setting} row
 * with {@code for update skip locked}, and the due check is repeated on the locked row.
 */
@Component
class NoticeDigest {

    private static final Logger log = LoggerFactory.getLogger(NoticeDigest.class);
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final int MAX_TOPICS = 10;
    static final int MAX_ACTIVE = 5;
    static final int MAX_NOTICES = 20;

    /** The start of a member's period ({@code s}: notice_setting, may be null; {@code :now}). */
    private static final String PERIOD =
            "(case coalesce(s.digest, 'WEEKLY') when 'DAILY' then interval '1 day' else interval '7 days' end)";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final NoticeMailing mailing;
    private final Mailer mailer;
    private final Clock clock;

    NoticeDigest(JdbcClient jdbc, TransactionTemplate tx, NoticeMailing mailing, Mailer mailer, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.mailing = mailing;
        this.mailer = mailer;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${clanq.notifications.digest-poll:15m}",
            initialDelayString = "${clanq.notifications.digest-poll:15m}")
    void poll() {
        MemberRounds.repeat(this::sendDue, log, "Digests could not be prepared");
    }

    /**
     * One look for due members: those whose period has passed, who did not visit since it started,
     * and who have something that may be new for them (a notice for the digest, or activity in a
     * forum of their communities; what they may actually read is decided per member). Answers how
     * many members were looked at.
     */
    int sendDue() {
        Instant now = clock.instant();
        List<Long> members = jdbc.sql(
                        """
                        select u.id from app_user u
                        left join notice_setting s on s.user_id = u.id
                        cross join lateral (select greatest(coalesce(s.last_digest_at, '-infinity'::timestamptz),
                                                            :now - %1$s) as since) p
                        where u.status = 'ACTIVE' and u.email_verified and coalesce(s.digest, 'WEEKLY') <> 'NEVER'
                          and (s.last_digest_at is null or s.last_digest_at <= :now - %1$s)
                          and coalesce(u.last_signed_in_at, '-infinity'::timestamptz) < p.since
                          and not exists (select 1 from topic_read r where r.user_id = u.id and r.read_at >= p.since)
                          and (exists (select 1 from notice n
                                       where n.user_id = u.id and n.mail_state = 'DIGEST' and n.mailed_at is null
                                         and n.read_at is null and n.created_at >= p.since and n.created_at < :now)
                               or exists (select 1 from topic t join forum f on f.id = t.forum_id
                                          where t.last_post_at >= p.since and t.created_at < :now
                                            and t.author_id <> u.id
                                            and (u.staff_role is not null or f.vendor_id in (
                                                 select m.vendor_id from membership_seat ms
                                                 join membership m on m.id = ms.membership_id and m.status = 'ACTIVE'
                                                 where ms.user_id = u.id))))
                        order by coalesce(s.last_digest_at, '-infinity'::timestamptz), u.id
                        limit :limit"""
                                .formatted(PERIOD))
                .param("now", NoticeMailing.utc(now))
                .param("limit", MemberRounds.MEMBERS_PER_ROUND)
                .query(Long.class)
                .list();
        return MemberRounds.each(tx, members, userId -> digest(userId, now), log, "A digest could not be prepared");
    }

    private record Period(Instant since, Instant lastVisit) {}

    private void digest(long userId, Instant now) {
        jdbc.sql("insert into notice_setting (user_id) values (?) on conflict do nothing")
                .param(userId)
                .update();
        // The lock is the claim; the due check on the locked row keeps a second node from sending again.
        Optional<Period> period = jdbc.sql(
                        """
                        select greatest(coalesce(s.last_digest_at, '-infinity'::timestamptz), :now - %1$s) as since,
                               greatest(u.last_signed_in_at,
                                        (select max(r.read_at) from topic_read r where r.user_id = u.id)) as last_visit
                        from notice_setting s join app_user u on u.id = s.user_id
                        where s.user_id = :user and s.digest <> 'NEVER'
                          and (s.last_digest_at is null or s.last_digest_at <= :now - %1$s)
                        for update of s skip locked"""
                                .formatted(PERIOD))
                .param("now", NoticeMailing.utc(now))
                .param("user", userId)
                .query((rs, n) -> new Period(
                        rs.getObject("since", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("last_visit", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)
                                .orElse(null)))
                .optional();
        Optional<Recipient> recipient = mailing.recipient(userId);
        if (period.isEmpty() || recipient.isEmpty()) {
            return;
        }
        Instant since = period.get().since();
        if (period.get().lastVisit() != null && !period.get().lastVisit().isBefore(since)) {
            return; // visited since the period started: no digest, and the period stays open
        }
        if (mailing.mayBeMailed(recipient.get())) {
            Reader reader = mailing.reader(recipient.get());
            Content content = content(reader, since, now);
            List<MailedNotice> notices = notices(userId, reader, since, now);
            if (!content.isEmpty() || !notices.isEmpty()) {
                mailer.send(mail(recipient.get(), since, content, notices));
                mailing.mark(notices.stream().map(MailedNotice::id).toList(), "DIGEST", now);
            }
        }
        jdbc.sql("update notice_setting set last_digest_at = ? where user_id = ?")
                .params(NoticeMailing.utc(now), userId)
                .update();
    }

    record TopicLine(long id, String title, String forumName, int replyCount, int newPosts) {}

    record Content(List<TopicLine> newTopics, List<TopicLine> unanswered, List<TopicLine> active) {
        boolean isEmpty() {
            return newTopics.isEmpty() && unanswered.isEmpty() && active.isEmpty();
        }
    }

    /** What is new for the reader in the period, in the forums they may read now (S9). */
    private Content content(Reader reader, Instant since, Instant now) {
        boolean everything = reader.staff();
        Long[] forums = reader.readableForumIds().toArray(Long[]::new);
        List<TopicLine> started = jdbc.sql(
                        """
                        select t.id, t.title, f.name as forum_name, t.reply_count, 0 as new_posts
                        from topic t join forum f on f.id = t.forum_id
                        where t.created_at >= :since and t.created_at < :now and t.merged_into is null
                          and t.deleted_at is null and t.author_id <> :user
                          and (:everything or t.forum_id = any(:forums))
                        order by t.created_at desc, t.id desc limit :limit""")
                .param("since", NoticeMailing.utc(since))
                .param("now", NoticeMailing.utc(now))
                .param("user", reader.userId())
                .param("everything", everything)
                .param("forums", forums)
                .param("limit", 4 * MAX_TOPICS)
                .query(Rows.of(TopicLine.class))
                .list();
        List<TopicLine> active = jdbc.sql(
                        """
                        select t.id, t.title, f.name as forum_name, t.reply_count, count(*) as new_posts
                        from post p join topic t on t.id = p.topic_id join forum f on f.id = t.forum_id
                        where p.created_at >= :since and p.created_at < :now and p.position > 0 and p.deleted_at is null
                          and t.created_at < :since and t.merged_into is null and t.deleted_at is null
                          and t.author_id <> :user and (:everything or t.forum_id = any(:forums))
                        group by t.id, t.title, f.name, t.reply_count
                        order by count(*) desc, max(p.created_at) desc, t.id desc limit :limit""")
                .param("since", NoticeMailing.utc(since))
                .param("now", NoticeMailing.utc(now))
                .param("user", reader.userId())
                .param("everything", everything)
                .param("forums", forums)
                .param("limit", MAX_ACTIVE)
                .query(Rows.of(TopicLine.class))
                .list();
        return new Content(
                started.stream()
                        .filter(t -> t.replyCount() > 0)
                        .limit(MAX_TOPICS)
                        .toList(),
                started.stream()
                        .filter(t -> t.replyCount() == 0)
                        .limit(MAX_TOPICS)
                        .toList(),
                active);
    }

    /**
     * The member's notices that wait for the digest, created in the period and not read in the app.
     * One they may no longer read (S9) is SKIPPED and left out.
     */
    private List<MailedNotice> notices(long userId, Reader reader, Instant since, Instant now) {
        List<MailedNotice> waiting = jdbc.sql(
                        "select " + MailedNotice.COLUMNS
                                + """
                         from notice n left join app_user a on a.id = n.actor_id
                        where n.user_id = ? and n.mail_state = 'DIGEST' and n.mailed_at is null and n.read_at is null
                          and n.created_at >= ? and n.created_at < ?
                        order by n.created_at, n.id
                        for update of n skip locked""")
                .params(userId, NoticeMailing.utc(since), NoticeMailing.utc(now))
                .query(MailedNotice::of)
                .list();
        List<MailedNotice> readable = new ArrayList<>();
        List<Long> unreadable = new ArrayList<>();
        for (MailedNotice notice : waiting) {
            if (notice.kind() != null && mailing.mayRead(reader, notice)) {
                readable.add(notice);
            } else {
                unreadable.add(notice.id());
            }
        }
        mailing.mark(unreadable, "SKIPPED", null);
        // The newest ones when there are many: the rest stay in Clanq's list of notices.
        return readable.size() <= MAX_NOTICES
                ? readable
                : readable.subList(readable.size() - MAX_NOTICES, readable.size());
    }

    private MailMessage mail(Recipient recipient, Instant since, Content content, List<MailedNotice> notices) {
        Locale l = recipient.locale();
        String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(l)
                .withZone(AMSTERDAM)
                .format(since);
        MailMessage.Builder mail = MailMessage.to(recipient.email(), l)
                .kind("notifications.digest")
                .subject(mailing.t("noticemail.digest.subject", l))
                .paragraph(mailing.t("noticemail.digest.intro", l, date));
        if (!notices.isEmpty()) {
            List<String> lines = new ArrayList<>();
            lines.add(mailing.t("noticemail.digest.notices", l));
            for (MailedNotice notice : notices) {
                lines.add("• " + mailing.sentence(notice, l)
                        + mailing.reason(notice, l).map(r -> " — " + r).orElse(""));
            }
            mail.paragraph(String.join("\n", lines));
        }
        section(mail, "noticemail.digest.unanswered", content.unanswered(), l);
        section(mail, "noticemail.digest.newTopics", content.newTopics(), l);
        section(mail, "noticemail.digest.active", content.active(), l);
        return mail.action(mailing.t("noticemail.digest.action", l), mailing.link("/latest"))
                .unsubscribe(
                        mailing.t("noticemail.unsubscribe.digest", l),
                        mailing.unsubscribeLink(Unsubscription.ofDigest(recipient.id())))
                // Many members get one at the same moment: after personal mail, like an announcement.
                .bulk()
                .build();
    }

    private void section(MailMessage.Builder mail, String heading, List<TopicLine> topics, Locale l) {
        if (topics.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(mailing.t(heading, l));
        for (TopicLine topic : topics) {
            String line = topic.newPosts() > 0
                    ? mailing.t(
                            "noticemail.digest.activeLine",
                            l,
                            NoticeMailing.oneLine(topic.title()),
                            topic.forumName(),
                            topic.newPosts())
                    : mailing.t("noticemail.digest.line", l, NoticeMailing.oneLine(topic.title()), topic.forumName());
            lines.add("• " + line);
            lines.add("  " + mailing.link("/topics/" + topic.id()));
        }
        mail.paragraph(String.join("\n", lines));
    }
}
