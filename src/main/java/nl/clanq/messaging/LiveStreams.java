package nl.clanq.messaging;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The public door to the live streams: the web layer subscribes; other modules tell a person's
 * open pages that something changed by {@code select pg_notify(CHANNEL, userId || ':' || NOTICE)}
 * in their transaction (every node hears it after the commit).
 */
@Component
public class LiveStreams {

    public static final String CHANNEL = LiveUpdates.CHANNEL;

    /** The payload part that says "a new notice" (a number would be a conversation). */
    public static final String NOTICE = "notice";

    private final LiveUpdates updates;

    LiveStreams(LiveUpdates updates) {
        this.updates = updates;
    }

    public SseEmitter subscribe(long userId) {
        return updates.subscribe(userId);
    }
}
