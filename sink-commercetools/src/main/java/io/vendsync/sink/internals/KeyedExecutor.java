package io.vendsync.sink.internals;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a fixed number of threads, the tasks of one key strictly one after another in the order they were
 * submitted, tasks of different keys in parallel. A task may also wait for another future (a batched read) before it
 * starts; it never blocks a thread while waiting. Thread-safe.
 */
public final class KeyedExecutor implements AutoCloseable {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ExecutorService pool;
    /** The last task of each key that has one pending or running. Guarded by this. */
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();
    private final AtomicInteger pending = new AtomicInteger();

    public KeyedExecutor(final int threads, final String threadName) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        final AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            final Thread thread = new Thread(r, threadName + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The pool, for work that belongs to no key (batched reads). */
    public ExecutorService pool() {
        return pool;
    }

    /**
     * Runs {@code task} after every task submitted before for {@code key} and after {@code after} (null: nothing) has
     * completed, either way. The task must not throw; what it throws is kept on the returned future.
     */
    public CompletableFuture<Void> submit(final String key, final CompletableFuture<?> after, final Runnable task) {
        pending.incrementAndGet();
        synchronized (this) {
            final CompletableFuture<Void> previous = tails.getOrDefault(key, DONE);
            final CompletableFuture<?> gate = after == null ? previous : CompletableFuture.allOf(previous, after);
            final CompletableFuture<Void> next = gate.handleAsync((ignored, error) -> {
                try {
                    task.run();
                } finally {
                    pending.decrementAndGet();
                }
                return null;
            }, pool);
            tails.put(key, next);
            next.whenComplete((ignored, error) -> {
                synchronized (this) {
                    tails.remove(key, next);
                }
            });
            return next;
        }
    }

    /** Whether a task of {@code key} is pending or running. */
    public synchronized boolean busy(final String key) {
        return tails.containsKey(key);
    }

    /** Tasks submitted and not finished. */
    public int pending() {
        return pending.get();
    }

    /** Waits until no task is pending, at most {@code millis}; true when none is. */
    public boolean awaitIdle(final long millis) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
