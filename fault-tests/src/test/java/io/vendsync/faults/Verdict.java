package io.vendsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.demo.CommercetoolsInventoryReader;
import io.vendsync.demo.ExpectedInventory;
import io.vendsync.schemas.Keys;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How every fault test ends, once its fault is over and its cause fixed: let the sink drain, replay the DLQ with
 * {@code vendsync dlq replay}, wait for commercetools to equal Vend, then check the invariants record by
 * record and add the test's row to the {@link FaultTable} (before asserting, so a failing run shows its numbers).
 */
final class Verdict {

    static final Duration SETTLE = Duration.ofSeconds(60);

    final Ledger ledger;
    final FaultTable.Row row;

    private Verdict(final Ledger ledger, final FaultTable.Row row) {
        this.ledger = ledger;
        this.row = row;
    }

    static Verdict settle(final SyncRig rig, final String fault, final long startedNanos) throws Exception {
        Steps.log("%s: settling", fault);
        rig.awaitSinkIdle(SETTLE);
        Steps.log("sink idle");
        final DlqCli dlq = new DlqCli(rig.dlqSettings(), rig.workDir);
        int replayed = 0;
        if (!Ledger.read(rig.bootstrapServers, rig.topics).deadLetters.isEmpty()) {
            replayed = dlq.replay();
            Steps.log("dlq replay: %d replayed", replayed);
            rig.awaitSinkIdle(SETTLE);
        }
        final ExpectedInventory.Comparison comparison = rig.awaitConverged(SETTLE);
        Steps.log("converged: %s", comparison.converged());
        final Ledger ledger = Ledger.read(rig.bootstrapServers, rig.topics);
        Steps.log("ledger read");
        final List<CommercetoolsInventoryReader.Entry> entries = rig.entries();
        final Map<String, List<CommercetoolsInventoryReader.Entry>> byKey = entries.stream()
                .collect(Collectors.groupingBy(e -> Keys.inventory(e.channelKey(), e.sku())));
        final Map<String, Long> stored = new HashMap<>();
        byKey.forEach((key, list) -> stored.put(key, list.stream().map(CommercetoolsInventoryReader.Entry::sourceVersion)
                .filter(v -> v != null).max(Long::compare).orElse(Long.MIN_VALUE)));
        // An event is lost when commercetools holds an older version for its key than the event's: never applied, or overwritten.
        final List<Ledger.Event> lost = ledger.sent.stream()
                .filter(e -> stored.getOrDefault(e.key(), Long.MIN_VALUE) < e.version()).sorted(
                        java.util.Comparator.comparing(Ledger.Event::key).thenComparingLong(Ledger.Event::version)).toList();
        final long duplicated = byKey.values().stream().mapToLong(list -> list.size() - 1).sum();
        final FaultTable.Row row = new FaultTable.Row(fault, ledger.sent.size(), ledger.retried.size(), ledger.deadLetters.size(),
                replayed, ledger.sent.size() - lost.size(), lost.size(), duplicated, (System.nanoTime() - startedNanos) / 1e9);
        FaultTable.add(row);

        assertThat(comparison.mismatches()).as("commercetools vs Vend, record by record").isEmpty();
        assertThat(comparison.converged()).as("commercetools matches Vend: %s", comparison).isTrue();
        assertThat(byKey).as("one commercetools entry per (SKU, channel), none Vend does not have")
                .hasSize(comparison.expected()).allSatisfy((key, list) -> assertThat(list).as(key).hasSize(1));
        assertThat(lost).as("events whose key holds an older source version in commercetools (lost or regressed)").isEmpty();

        final Set<String> failedExchanges = ledger.failedCommercetoolsExchanges();
        final Function<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>, String> id = r -> ledger.event(r).correlationId();
        assertThat(Stream.concat(ledger.retried.stream(), ledger.deadLetters.stream()).map(id).distinct()
                .filter(c -> !failedExchanges.contains(c)).toList())
                .as("retried or dead-lettered events without a failed exchange in the integration log").isEmpty();

        final DlqCli.Listing listing = dlq.list();
        assertThat(listing.resolved()).as("every dead letter replayed and resolved: %s", listing.output())
                .isEqualTo(listing.deadLetters()).isEqualTo(ledger.deadLetters.size());
        return new Verdict(ledger, row);
    }
}
