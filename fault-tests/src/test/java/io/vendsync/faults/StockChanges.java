package io.vendsync.faults;

import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.VendSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stock changes that keep flowing in Vend while a fault happens: every {@code interval} a seeded-random level (never
 * the marker, index 0) gets a new quantity, fired by the simulator like a till would (webhook included). Bounded by
 * {@code max}, so a test that forgets to stop it still ends.
 */
final class StockChanges implements AutoCloseable {

    private final Thread thread;
    private final AtomicInteger made = new AtomicInteger();
    private volatile boolean stopped;

    private StockChanges(final VendSimulator vend, final Duration interval, final int max, final long seed) {
        final List<InventoryRecord> levels = vend.inventory();
        final Random random = new Random(seed);
        this.thread = new Thread(() -> {
            while (!stopped && made.get() < max) {
                final InventoryRecord level = levels.get(1 + random.nextInt(levels.size() - 1));
                vend.setInventory(level.productId(), level.outletId(), random.nextInt(120));
                made.incrementAndGet();
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stock-changes");
        thread.setDaemon(true);
    }

    static StockChanges start(final VendSimulator vend, final Duration interval, final int max, final long seed) {
        final StockChanges changes = new StockChanges(vend, interval, max, seed);
        changes.thread.start();
        return changes;
    }

    /** Stops the flow and returns how many changes were made. */
    int stop() throws InterruptedException {
        stopped = true;
        thread.join(5_000);
        return made.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
