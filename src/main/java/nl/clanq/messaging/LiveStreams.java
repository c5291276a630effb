package nl.clanq.messaging;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The public door to the live streams, for the web layer. */
@Component
public class LiveStreams {

    private final LiveUpdates updates;

    LiveStreams(LiveUpdates updates) {
        this.updates = updates;
    }

    public SseEmitter subscribe(long userId) {
        return updates.subscribe(userId);
    }
}
