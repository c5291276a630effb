package nl.clanq.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Messaging settings (S11): how many conversations a member may start a day, how many messages
 * they may send a minute.
 */
@ConfigurationProperties("clanq.messaging")
public record MessagingProperties(Integer conversationsPerDay, Integer messagesPerMinute) {

    public MessagingProperties {
        conversationsPerDay = conversationsPerDay == null ? 20 : conversationsPerDay;
        messagesPerMinute = messagesPerMinute == null ? 30 : messagesPerMinute;
    }

    Duration day() {
        return Duration.ofDays(1);
    }
}
