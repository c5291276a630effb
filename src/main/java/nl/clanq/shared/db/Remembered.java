package nl.clanq.shared.db;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A few rows that rarely change, kept in memory instead of asked for on every request: read again
 * once {@code refresh} has passed, and once a transaction that changed them on this node has ended
 * ({@link #changed()}). A change made on another node is seen within {@code refresh}.
 */
public final class Remembered<T> {

    private record Loaded<T>(T value, long at) {}

    private final long refreshNanos;
    private final Supplier<T> read;
    private volatile Loaded<T> loaded;

    public Remembered(Duration refresh, Supplier<T> read) {
        this.refreshNanos = refresh.toNanos();
        this.read = read;
    }

    public T get() {
        Loaded<T> current = loaded;
        long now = System.nanoTime();
        if (current == null || now - current.at() > refreshNanos) {
            current = new Loaded<>(read.get(), now);
            loaded = current;
        }
        return current.value();
    }

    /**
     * The rows change in the current transaction: read them again from now on, and again once it
     * has ended (a request that reads them before the commit must not keep the old rows).
     */
    public void changed() {
        loaded = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    loaded = null;
                }
            });
        }
    }
}
