package io.vendsync.ingest.delta;

import io.vendsync.ingest.vend.Backoff;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when each Vend collection is read. Reads happen on one thread, on a schedule and whenever a
 * webhook says something changed. Triggers coalesce: any number of webhooks for an entity that arrive
 * before or during its read cost one more cursor read, not one request each, which is what keeps a burst
 * inside Vend's small rate budget. Collections are read in the configured order (outlets and products
 * before inventory), so mappings tend to arrive before the stock that needs them. Each collection has its own
 * poll interval, so reference data (taxes, registers, payment types) can be polled rarely while stock is polled
 * often; a webhook trigger reads a collection at once whatever its interval, unless the rate budget is running low:
 * then the next read waits as long as the {@link Pacing} says for the requests the last one spent, so the reads keep
 * coming, further apart, instead of stopping when the window is spent.
 */
public final class ReadScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadScheduler.class);
    /** After a failed read (its requests' own retries spent): 5 s, doubling per failure in a row, up to 5 minutes. */
    private static final Backoff FAILURE_BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5));

    /** Reads one entity; the scheduler's view of a {@link DeltaReader}. */
    @FunctionalInterface
    public interface Reader {
        void read(String entity, String trigger) throws InterruptedException;
    }

    /** How long to leave after reads that spent some requests: the ingest's rate governor. */
    public interface Pacing {
        /** Pacing that never waits. */
        Pacing NONE = new Pacing() {
            @Override
            public long requestsSent() {
                return 0;
            }

            @Override
            public Duration paceAfter(final long requests) {
                return Duration.ZERO;
            }
        };

        static Pacing of(final LongSupplier requestsSent,
                         final LongFunction<Duration> paceAfter) {
            return new Pacing() {
                @Override
                public long requestsSent() {
                    return requestsSent.getAsLong();
                }

                @Override
                public Duration paceAfter(final long requests) {
                    return paceAfter.apply(requests);
                }
            };
        }

        /** Requests sent so far, to count what one read spent. */
        long requestsSent();

        Duration paceAfter(long requests);
    }

    private final Reader reader;
    private final List<String> entities;
    private final Pacing pacing;
    private final Map<String, Long> intervalMillis = new HashMap<>();
    private final Map<String, Long> nextPollAt = new HashMap<>();
    private final Map<String, String> pending = new LinkedHashMap<>();
    private final Map<String, Integer> failedInARow = new HashMap<>();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong pacedMillis = new AtomicLong();
    private long notBefore;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean reading;

    public ReadScheduler(final Reader reader, final List<String> entities, final Duration pollInterval) {
        this(reader, entities, pollInterval, Map.of(), Pacing.NONE);
    }

    /** @param intervals per-entity poll intervals; an entity without one is polled every {@code defaultInterval} */
    public ReadScheduler(final Reader reader, final List<String> entities, final Duration defaultInterval,
                         final Map<String, Duration> intervals, final Pacing pacing) {
        this.reader = reader;
        this.pacing = pacing;
        this.entities = List.copyOf(entities);
        this.entities.forEach(e -> intervalMillis.put(e, intervals.getOrDefault(e, defaultInterval).toMillis()));
        this.thread = new Thread(this::loop, "vendsync-vend-reader");
        this.thread.setDaemon(true);
    }

    public void start() {
        synchronized (this) {
            // The first read is queued before the thread runs, so awaitIdle() right after start() waits for it.
            final long now = System.currentTimeMillis();
            entities.forEach(e -> {
                pending.putIfAbsent(e, "poll");
                nextPollAt.put(e, now + intervalMillis.get(e));
            });
        }
        thread.start();
    }

    /** Something changed in Vend: read this entity soon. Cheap and non-blocking; safe from any thread. */
    public synchronized void trigger(final String entity, final String reason) {
        if (entities.contains(entity)) {
            pending.putIfAbsent(entity, reason);
            notifyAll();
        }
    }

    /** How often the entity is polled without webhooks. */
    public Duration pollInterval(final String entity) {
        final Long millis = intervalMillis.get(entity);
        if (millis == null) {
            throw new IllegalArgumentException("Not a scheduled entity: " + entity);
        }
        return Duration.ofMillis(millis);
    }

    /** Reads completed so far (all entities). */
    public long reads() {
        return reads.get();
    }

    public long failures() {
        return failures.get();
    }

    /** Time reads waited because the rate budget ran low. */
    public long pacedMillis() {
        return pacedMillis.get();
    }

    /** Waits until no read is running or pending, for tests and the demo. */
    public synchronized boolean awaitIdle(final Duration timeout) throws InterruptedException {
        final long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (reading || !pending.isEmpty()) {
            final long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private void loop() {
        while (running) {
            final Map<String, String> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                return;
            }
            for (final String entity : entities) {
                final String trigger = batch.get(entity);
                if (trigger == null) {
                    continue;
                }
                final long sentBefore = pacing.requestsSent();
                try {
                    reader.read(entity, trigger);
                    reads.incrementAndGet();
                    succeeded(entity);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    final Duration pause = retryLater(entity);
                    LOG.error("Reading Vend {} failed; it is read again from its cursor in {} ms", entity, pause.toMillis(), e);
                }
                paceAfter(pacing.requestsSent() - sentBefore);
            }
            synchronized (this) {
                reading = false;
                notifyAll();
            }
        }
    }

    private synchronized Map<String, String> nextBatch() throws InterruptedException {
        while (running) {
            final long now = System.currentTimeMillis();
            long wakeAt = Long.MAX_VALUE;
            for (final String entity : entities) {
                if (now >= nextPollAt.get(entity)) {
                    pending.putIfAbsent(entity, "poll");
                    nextPollAt.put(entity, now + intervalMillis.get(entity));
                }
                wakeAt = Math.min(wakeAt, nextPollAt.get(entity));
            }
            if (!pending.isEmpty() && now < notBefore) {
                wait(notBefore - now);
                continue;
            }
            if (!pending.isEmpty()) {
                final Map<String, String> batch = new LinkedHashMap<>(pending);
                pending.clear();
                reading = true;
                return batch;
            }
            wait(Math.max(1, wakeAt - now));
        }
        throw new InterruptedException("scheduler closed");
    }

    private synchronized Duration retryLater(final String entity) {
        // The cursor did not move past what failed, so the next read starts where this one stopped.
        final Duration pause = FAILURE_BACKOFF.delay(failedInARow.merge(entity, 1, Integer::sum));
        nextPollAt.merge(entity, System.currentTimeMillis() + pause.toMillis(), Math::min);
        return pause;
    }

    private synchronized void paceAfter(final long requests) {
        final long pause = pacing.paceAfter(requests).toMillis();
        if (pause > 0) {
            notBefore = Math.max(notBefore, System.currentTimeMillis() + pause); // a later entity's read never shortens it
            pacedMillis.addAndGet(pause);
        }
    }

    private synchronized void succeeded(final String entity) {
        failedInARow.remove(entity);
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
