package io.vendsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.WebhookDelivery;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.kafka.TopicProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks arrive twice, out of order, or not at all (no subscription for a while): they only trigger cursor reads, so
 * repeats cost no duplicate event and the schedule catches what was never delivered.
 */
@ExtendWith(FaultTable.class)
@Order(5)
class WebhookFaultTest {

    private static final Duration POLL = Duration.ofSeconds(3);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldLoseAndDuplicateNothingWhenWebhooksRepeatArriveOutOfOrderOrGetLost() throws Exception {
        final long started = System.nanoTime();
        final Random random = new Random(5);
        try (SyncRig rig = SyncRig.start(KafkaFixture.shared().bootstrapServers(), "hook")) {
            rig.startIngest(POLL, true);
            rig.startMapper();
            rig.startSink();
            rig.landMarker(1000, Duration.ofSeconds(60));

            // Duplicated and reordered: every delivery of 10 changes posted again, then once more newest first.
            final int before = rig.vend.deliveries().size();
            change(rig, random, 10);
            final List<WebhookDelivery> delivered = awaitDeliveries(rig, before + 10).subList(before, before + 10);
            final List<WebhookDelivery> again = new ArrayList<>(delivered);
            final List<WebhookDelivery> reversed = new ArrayList<>(delivered);
            Collections.reverse(reversed);
            again.addAll(reversed);
            for (final WebhookDelivery delivery : again) {
                assertThat(rig.postWebhook(delivery.url(), delivery.body())).as("receiver accepts a repeat").isBetween(200, 299);
            }
            rig.landMarker(1001, Duration.ofSeconds(30));

            // Lost: no subscription while 10 changes happen; only the schedule can find them.
            rig.unsubscribeWebhooks();
            Thread.sleep(300); // deliveries already on their way complete first
            final int deliveredBefore = rig.vend.deliveries().size();
            change(rig, random, 10);
            rig.landMarker(1002, Duration.ofSeconds(30));
            assertThat(rig.awaitConverged(Duration.ofSeconds(30)).converged()).as("changes without webhooks caught by polling").isTrue();
            assertThat(rig.vend.deliveries()).as("no webhook delivered while unsubscribed").hasSize(deliveredBefore);

            rig.subscribeWebhooks();
            change(rig, random, 5);
            rig.landMarker(1003, Duration.ofSeconds(30));

            final Verdict verdict = Verdict.settle(rig, "webhooks: 10 duplicated, 10 reordered, 10+1 lost", started);
            assertThat(rig.ingest().webhooks().accepted()).isGreaterThanOrEqualTo(10 + again.size() + 5);
            assertThat(verdict.ledger.deadLetters).isEmpty();
            // Repeated triggers re-read nothing: each Vend (record, version) is published once.
            final Map<String, Long> published = TopicProbe.readAll(rig.bootstrapServers, rig.topics.rawInventory.name(),
                            new StringDeserializer(), rig.topics.rawInventory.valueSerde().deserializer()).stream()
                    .map(r -> r.key() + "@" + r.value().getSource().getVersion())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(published).allSatisfy((event, times) -> assertThat(times).as(event).isEqualTo(1L));
        }
    }

    private static void change(final SyncRig rig, final Random random, final int count) throws InterruptedException {
        final List<InventoryRecord> levels = rig.vend.inventory();
        for (int i = 0; i < count; i++) {
            final InventoryRecord level = levels.get(1 + random.nextInt(levels.size() - 1));
            rig.vend.setInventory(level.productId(), level.outletId(), random.nextInt(120));
            Thread.sleep(50);
        }
    }

    private static List<WebhookDelivery> awaitDeliveries(final SyncRig rig, final int atLeast) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (rig.vend.deliveries().size() < atLeast) {
            assertThat(System.nanoTime()).as("webhooks delivered").isLessThan(deadline);
            Thread.sleep(50);
        }
        return rig.vend.deliveries();
    }
}
