package io.vendsync.sink.catalog;

import io.vendsync.schemas.mapping.CommercetoolsVariant;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link CatalogReader} on its own thread: seeds it from the topic, then reads every {@code interval}
 * (fixed delay, so reads never overlap). A failed read is logged and the next one tries again; the sink's
 * inventory loop never waits for the catalog.
 */
public final class CatalogPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogPoller.class);

    private final ScheduledExecutorService executor;
    private final AutoCloseable resources;
    private volatile boolean seeded;

    private CatalogPoller(final ScheduledExecutorService executor, final AutoCloseable resources) {
        this.executor = executor;
        this.resources = resources;
    }

    /**
     * @param published what the topic holds (read on the reader's thread, before the first read)
     * @param resources closed by {@link #close()} after the thread stopped (the reader's producer)
     */
    public static CatalogPoller start(final CatalogReader reader, final Supplier<Map<String, CommercetoolsVariant>> published,
                                      final Duration interval, final AutoCloseable resources) {
        Objects.requireNonNull(reader, "reader");
        final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "vendsync-catalog-reader");
            thread.setDaemon(true);
            return thread;
        });
        final CatalogPoller poller = new CatalogPoller(executor, resources);
        executor.scheduleWithFixedDelay(() -> poller.runOnce(reader, published), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return poller;
    }

    private void runOnce(final CatalogReader reader, final Supplier<Map<String, CommercetoolsVariant>> published) {
        try {
            if (!seeded) {
                reader.seed(published.get());
                seeded = true;
            }
            reader.readOnce();
        } catch (RuntimeException e) {
            LOG.warn("commercetools catalog read failed; trying again in the next interval", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            resources.close();
        } catch (Exception e) {
            LOG.warn("Cannot close the catalog reader's resources", e);
        }
    }
}
