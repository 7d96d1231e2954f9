package io.vendsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class VersionCounterTest {

    @Test
    void shouldGiveEveryConcurrentMutationADistinctStrictlyIncreasingVersion() throws Exception {
        try (VendSimulator simulator = VendSimulator.start(SimulatorOptions.defaults())) {
            simulator.seed(2, 5, 1L);
            final long start = simulator.currentVersion();
            final List<InventoryRecord> records = simulator.inventory();
            final ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                final List<Future<InventoryRecord>> writes = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    final InventoryRecord target = records.get(i % records.size());
                    final int level = i;
                    writes.add(pool.submit(() -> simulator.setInventory(target.productId(), target.outletId(), level)));
                }
                final List<Long> versions = new ArrayList<>();
                for (final Future<InventoryRecord> write : writes) {
                    versions.add(write.get().version());
                }
                assertThat(versions).doesNotHaveDuplicates().allMatch(v -> v > start);
                assertThat(simulator.currentVersion()).isEqualTo(start + 400);
            } finally {
                pool.shutdownNow();
            }
            assertThat(simulator.inventory()).hasSize(records.size());
        }
    }

    @Test
    void shouldFormatRetryAfterAsImfFixdateWithTwoDigitDay() {
        final Instant fifth = Instant.parse("2020-07-05T15:04:05Z");

        final String formatted = HttpDates.format(fifth);

        assertThat(formatted).isEqualTo("Sun, 05 Jul 2020 15:04:05 GMT");
        assertThat(ZonedDateTime.parse(formatted, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).isEqualTo(fifth);
    }
}
