package nl.clanq.notifications;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nl.clanq.notifications.NoticeKind.Delivery;
import nl.clanq.shared.db.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A member's choices about notices: per kind how it is mailed (immediately, in the digest, or
 * never), how often the digest comes, and whether the topics they start or reply to are watched
 * automatically. Without a stored choice the defaults hold: the kind's {@link
 * NoticeKind#defaultDelivery()}, a weekly digest, and both automatic watches on. Callers own the
 * transaction of their use case; every method joins it.
 */
@Service
@Transactional
public class NoticePreferences {

    /** How often the digest comes; {@link #NEVER} switches it off. */
    public enum Digest {
        DAILY(Duration.ofDays(1)),
        WEEKLY(Duration.ofDays(7)),
        NEVER(null);

        private final Duration period;

        Digest(Duration period) {
            this.period = period;
        }

        /** The shortest time between two digests; {@code null} for {@link #NEVER}. */
        public Duration period() {
            return period;
        }
    }

    /**
     * Everything the preferences page shows and saves.
     *
     * @param deliveries per kind the member chose (kinds without a choice get their default)
     */
    public record Settings(
            Map<NoticeKind, Delivery> deliveries, Digest digest, boolean autoWatchStarted, boolean autoTrackReplied) {

        public Settings {
            EnumMap<NoticeKind, Delivery> complete = new EnumMap<>(NoticeKind.class);
            for (NoticeKind kind : mailableKinds()) {
                complete.put(kind, deliveries.getOrDefault(kind, kind.defaultDelivery()));
            }
            deliveries = java.util.Collections.unmodifiableMap(complete);
        }

        /** How notices of {@code kind} are mailed; {@link NoticeKind#MENTION_UNREACHABLE} never. */
        public Delivery delivery(NoticeKind kind) {
            return deliveries.getOrDefault(kind, Delivery.NEVER);
        }
    }

    private final JdbcClient jdbc;

    NoticePreferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The kinds a member chooses a delivery for: all but the one that is never mailed. */
    public static List<NoticeKind> mailableKinds() {
        return Arrays.stream(NoticeKind.values())
                .filter(k -> k != NoticeKind.MENTION_UNREACHABLE)
                .toList();
    }

    @Transactional(readOnly = true)
    public Settings of(long userId) {
        record Row(boolean autoWatchStarted, boolean autoTrackReplied, String digest) {}
        Row row = jdbc.sql(
                        "select auto_watch_started, auto_track_replied, digest from notice_setting where user_id = ?")
                .param(userId)
                .query(Rows.of(Row.class))
                .optional()
                .orElse(new Row(true, true, Digest.WEEKLY.name()));
        record Choice(String kind, String delivery) {}
        Map<NoticeKind, Delivery> deliveries = new EnumMap<>(NoticeKind.class);
        jdbc.sql("select kind, delivery from notice_mail_preference where user_id = ?")
                .param(userId)
                .query(Rows.of(Choice.class))
                .list()
                .forEach(c -> kind(c.kind()).ifPresent(k -> deliveries.put(k, Delivery.valueOf(c.delivery()))));
        return new Settings(deliveries, Digest.valueOf(row.digest()), row.autoWatchStarted(), row.autoTrackReplied());
    }

    /** Stores every choice of the page; each kind keeps the delivery chosen, also when it is the default. */
    public void save(long userId, Settings settings) {
        jdbc.sql(
                        """
                        insert into notice_setting (user_id, auto_watch_started, auto_track_replied, digest)
                        values (?, ?, ?, ?)
                        on conflict (user_id) do update
                        set auto_watch_started = excluded.auto_watch_started,
                            auto_track_replied = excluded.auto_track_replied, digest = excluded.digest""")
                .params(
                        userId,
                        settings.autoWatchStarted(),
                        settings.autoTrackReplied(),
                        settings.digest().name())
                .update();
        settings.deliveries().forEach((kind, delivery) -> setDelivery(userId, kind, delivery));
    }

    /** One-click unsubscribe: the digest, or these kinds, are not mailed any more. */
    public void unsubscribe(Unsubscription unsubscription) {
        long userId = unsubscription.userId();
        if (unsubscription.digest()) {
            jdbc.sql(
                            """
                            insert into notice_setting (user_id, digest) values (?, 'NEVER')
                            on conflict (user_id) do update set digest = 'NEVER'""")
                    .param(userId)
                    .update();
        }
        unsubscription.kinds().forEach(kind -> setDelivery(userId, kind, Delivery.NEVER));
    }

    private void setDelivery(long userId, NoticeKind kind, Delivery delivery) {
        jdbc.sql(
                        """
                        insert into notice_mail_preference (user_id, kind, delivery) values (?, ?, ?)
                        on conflict (user_id, kind) do update set delivery = excluded.delivery""")
                .params(userId, kind.name(), delivery.name())
                .update();
    }

    static java.util.Optional<NoticeKind> kind(String name) {
        return Arrays.stream(NoticeKind.values())
                .filter(k -> k.name().equals(name))
                .findFirst();
    }
}
