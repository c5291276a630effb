package nl.clanq.messaging;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates for open pages (C9): the browser keeps a server-sent event stream per person; when a
 * message for them is committed, every node hears of it through PostgreSQL {@code LISTEN/NOTIFY}
 * and tells that person's open streams, which then fetch what changed. An idle stream holds no
 * database connection: each node has one listening connection of its own, outside the pool.
 */
@Component
class LiveUpdates implements SmartLifecycle {

    static final String CHANNEL = "clanq_live";
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    private final Environment env;
    private final Map<Long, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread listener;

    LiveUpdates(Environment env) {
        this.env = env;
    }

    /** A new stream for {@code userId}; it ends after half an hour and the browser reconnects. */
    SseEmitter subscribe(long userId) {
        SseEmitter emitter = new SseEmitter(30 * 60 * 1000L);
        Set<SseEmitter> mine = streams.computeIfAbsent(userId, id -> new CopyOnWriteArraySet<>());
        mine.add(emitter);
        Runnable remove = () -> mine.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        try {
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    int openStreams(long userId) {
        return streams.getOrDefault(userId, Set.of()).size();
    }

    void deliver(long userId, long conversationId) {
        send(userId, "message", Long.toString(conversationId));
    }

    void send(long userId, String event, String data) {
        for (SseEmitter emitter : streams.getOrDefault(userId, Set.of())) {
            try {
                emitter.send(SseEmitter.event().name(event).data(data));
            } catch (IOException | IllegalStateException e) {
                streams.getOrDefault(userId, Set.of()).remove(emitter);
            }
        }
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofPlatform().daemon().name("clanq-live-listener").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
        streams.values().forEach(set -> set.forEach(SseEmitter::complete));
        streams.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection connection = DriverManager.getConnection(
                    env.getRequiredProperty("spring.datasource.url"),
                    env.getProperty("spring.datasource.username"),
                    env.getProperty("spring.datasource.password"))) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                backoff = 500;
                while (running) {
                    PGNotification[] notes = pg.getNotifications(1000);
                    if (notes == null) {
                        continue;
                    }
                    for (PGNotification note : notes) {
                        String[] parts = note.getParameter().split(":");
                        if (LiveStreams.NOTICE.equals(parts[1])) {
                            send(Long.parseLong(parts[0]), "notice", "");
                        } else {
                            deliver(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Live updates lost their database connection; retrying in {} ms: {}", backoff, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }
}
