package nl.clanq.notifications;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notices are mailed ({@code clanq.notifications.*}).
 *
 * @param mailPoll how often a node looks for notices to mail immediately
 * @param digestPoll how often a node looks for members whose digest is due
 * @param batchWindow how long the first of a member's immediate notices waits for others to join
 *     it in one mail
 * @param mailsPerHour at most this many immediate mails per member per hour; further notices wait
 *     for the next free slot and then go together in one mail
 */
@ConfigurationProperties("clanq.notifications")
public record NoticeMailProperties(
        @DefaultValue("45s") Duration mailPoll,
        @DefaultValue("15m") Duration digestPoll,
        @DefaultValue("5m") Duration batchWindow,
        @DefaultValue("4") int mailsPerHour) {

    public NoticeMailProperties {
        if (mailPoll.isNegative() || mailPoll.isZero() || digestPoll.isNegative() || digestPoll.isZero()) {
            throw new IllegalArgumentException("clanq.notifications.mail-poll and digest-poll must be positive");
        }
        if (batchWindow.isNegative()) {
            throw new IllegalArgumentException("clanq.notifications.batch-window must not be negative");
        }
        if (mailsPerHour < 1) {
            throw new IllegalArgumentException("clanq.notifications.mails-per-hour must be at least 1");
        }
    }
}
