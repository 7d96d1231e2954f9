package io.vendsync.sink;

import java.time.Duration;
import java.util.Optional;

/**
 * One main loop and its retry loop on their own threads, with their counters over JMX: the inventory loops, or
 * the catalog loops. They share the loop's {@link SinkStatistics}.
 */
final class SinkLoops implements AutoCloseable {

    private final CanonicalSink main;
    private final RetrySink retry;
    private final Thread mainThread;
    private final Thread retryThread;
    private final SinkMetrics metrics;

    SinkLoops(final String threadName, final CanonicalSink main, final RetrySink retry, final SinkMetrics metrics) {
        this.main = main;
        this.retry = retry;
        this.mainThread = new Thread(main, threadName);
        this.retryThread = new Thread(retry, threadName + "-retry");
        this.metrics = metrics;
    }

    void start() {
        mainThread.start();
        retryThread.start();
    }

    SinkStatistics statistics() {
        return main.statistics();
    }

    /** The main loop's consumer has joined its group. */
    boolean joined() {
        return main.joined();
    }

    /** False once either loop stopped. */
    boolean isRunning() {
        return mainThread.isAlive() && retryThread.isAlive();
    }

    /** The failure that stopped a loop, if one did (the main loop's first). */
    Optional<Throwable> failure() {
        return main.failure().or(retry::failure);
    }

    /** Waits up to {@code millis} for the main loop's thread, so a caller can poll {@link #isRunning()}. */
    void join(final long millis) throws InterruptedException {
        mainThread.join(millis);
    }

    /** Stops both loops and waits for their threads. */
    @Override
    public void close() {
        main.close();
        retry.close();
        try {
            mainThread.join(Duration.ofSeconds(30).toMillis());
            retryThread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.close();
    }
}
