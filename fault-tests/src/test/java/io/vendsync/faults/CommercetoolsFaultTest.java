package io.vendsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.schemas.FailureHeaders;
import io.vendsync.schemas.Keys;
import io.vendsync.simulator.Outlet;
import io.vendsync.simulator.Product;
import io.vendsync.testkit.fault.FaultRule;
import io.vendsync.testkit.kafka.KafkaFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * commercetools answers 503, 429 or nothing for a fifth of the sink's requests, then is down for 30 s; meanwhile one
 * SKU is rejected (400) on every write until the cause is fixed, so its records must be dead-lettered and come back
 * through {@code dlq replay}.
 */
@ExtendWith(FaultTable.class)
@Order(3)
class CommercetoolsFaultTest {

    private static final String REJECTED_SKU = "SKU-REJECTED";
    private static final Duration FLAKY = Duration.ofSeconds(8);
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldLoseNoChangeThroughFlakyAnswersAnOutageAndAPermanentRejectionFixedByReplay() throws Exception {
        final long started = System.nanoTime();
        try (SyncRig rig = SyncRig.start(KafkaFixture.shared().bootstrapServers(), "ct")) {
            rig.startIngest(Duration.ofSeconds(1), true);
            rig.startMapper();
            rig.startSink();
            rig.landMarker(1000, Duration.ofSeconds(60));

            // The cause of the permanent failure: commercetools refuses to create this SKU's entries (the first rule wins).
            final FaultRule rejection = rig.proxy.inject(
                    FaultRule.status(400).method("POST").pathContains("/inventory").bodyContains(REJECTED_SKU));
            final Product rejected = rig.vend.addProduct("Rejected by commercetools", REJECTED_SKU, new BigDecimal("9.90"));
            for (final Outlet outlet : rig.vend.outlets()) {
                rig.vend.setInventory(rejected.id(), outlet.id(), 7);
            }
            final Set<String> rejectedKeys = rig.vend.outlets().stream().map(o -> Keys.inventory(rig.channelKey(o.id()), REJECTED_SKU))
                    .collect(Collectors.toSet());
            // Dead-lettered at once as permanent, before the transient faults start (they would make it a transient failure).
            awaitDeadLetters(rig, rejectedKeys);

            // A fifth of all requests: 503, 429, or held 2 s and dropped without an answer (a timeout to the client).
            final FaultRule unavailable = rig.proxy.inject(FaultRule.status(503).fraction(0.07, 11L));
            final FaultRule throttled = rig.proxy.inject(FaultRule.status(429).fraction(0.075, 12L));
            final FaultRule timedOut = rig.proxy.inject(FaultRule.hangThenDrop(Duration.ofSeconds(2)).fraction(0.08, 13L));
            final FaultRule outage = FaultRule.status(503); // every request, while injected
            try (StockChanges changes = StockChanges.start(rig.vend, Duration.ofMillis(300), 3000, 3L)) {
                Thread.sleep(FLAKY.toMillis());
                rig.proxy.heal();
                rig.proxy.inject(rejection);
                rig.proxy.inject(outage);
                Steps.log("commercetools outage for %d s", OUTAGE.toSeconds());
                Thread.sleep(OUTAGE.toMillis());
                rig.proxy.heal(); // commercetools is back; the rejection is not fixed yet
                rig.proxy.inject(rejection);
                Steps.log("commercetools back");
                rig.landMarker(1001, Duration.ofSeconds(60));
                changes.stop();
                assertThat(unavailable.hits() + throttled.hits() + timedOut.hits()).as("flaky answers injected").isPositive();
                assertThat(outage.hits()).as("requests refused during the outage").isPositive();
            }
            rig.awaitSinkIdle(Verdict.SETTLE);

            // Every event of the rejected SKU is in the DLQ, each key with a permanent 400, and none reached commercetools.
            final Ledger before = Ledger.read(rig.bootstrapServers, rig.topics);
            final Set<Ledger.Event> rejectedSent = before.sent.stream().filter(e -> rejectedKeys.contains(e.key())).collect(Collectors.toSet());
            final List<ConsumerRecord<byte[], byte[]>> rejectedLetters = before.deadLetters.stream()
                    .filter(r -> rejectedKeys.contains(before.event(r).key())).toList();
            assertThat(rejectedSent.stream().map(Ledger.Event::key).collect(Collectors.toSet())).isEqualTo(rejectedKeys);
            assertThat(rejectedLetters.stream().map(before::event).collect(Collectors.toSet())).isEqualTo(rejectedSent);
            assertThat(rejectedLetters.stream().filter(CommercetoolsFaultTest::permanentRejection).map(r -> before.event(r).key())
                    .collect(Collectors.toSet())).isEqualTo(rejectedKeys);
            assertThat(rig.entries()).noneMatch(e -> REJECTED_SKU.equals(e.sku()));

            rig.proxy.heal(); // the cause is fixed
            final Verdict verdict = Verdict.settle(rig, "commercetools 503/429/timeout 1 in 5, 30 s outage, 400 on 1 SKU", started);
            assertThat(verdict.row.retried()).as("transient failures went to the retry tiers").isPositive();
            assertThat(verdict.row.replayed()).as("dead letters replayed").isGreaterThanOrEqualTo(rejectedLetters.size());
            // Landed after the replay (its quantities are Vend's: the verdict compared every level).
            assertThat(rig.entries()).filteredOn(e -> REJECTED_SKU.equals(e.sku())).hasSize(rejectedKeys.size());
            // Every answer the proxy gave instead of commercetools is an exchange in the integration log, the SDK's own
            // retries included. (Dropped connections are left out: the HTTP client may resend an idempotent GET by itself,
            // below the SDK, and that resend is the exchange the log sees.)
            assertThat(answered(verdict.ledger, 503)).isGreaterThanOrEqualTo(unavailable.hits() + outage.hits());
            assertThat(answered(verdict.ledger, 429)).isGreaterThanOrEqualTo(throttled.hits());
            assertThat(answered(verdict.ledger, 400)).isGreaterThanOrEqualTo(rejection.hits());
            Steps.log("proxy: %d injected (%d x 503, %d x 429, %d dropped, %d x 400); integration log: %d failed exchanges",
                    rig.proxy.injected(), unavailable.hits() + outage.hits(), throttled.hits(), timedOut.hits(), rejection.hits(),
                    verdict.ledger.commercetoolsFailures());
        }
    }

    private static boolean permanentRejection(final ConsumerRecord<byte[], byte[]> r) {
        return "permanent".equals(FailureHeaders.text(r.headers(), FailureHeaders.ERROR_KIND))
                && "400".equals(FailureHeaders.text(r.headers(), FailureHeaders.ERROR_HTTP_STATUS))
                && "InvalidInput".equals(FailureHeaders.text(r.headers(), FailureHeaders.ERROR_CT_CODE));
    }

    private static void awaitDeadLetters(final SyncRig rig, final Set<String> keys) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            final Ledger ledger = Ledger.read(rig.bootstrapServers, rig.topics);
            if (ledger.deadLetters.stream().filter(CommercetoolsFaultTest::permanentRejection).map(r -> ledger.event(r).key())
                    .collect(Collectors.toSet()).containsAll(keys)) {
                return;
            }
            assertThat(System.nanoTime()).as("rejected SKU dead-lettered as permanent in time").isLessThan(deadline);
            Thread.sleep(300);
        }
    }

    private static long answered(final Ledger ledger, final int status) {
        return ledger.integrationLog.stream().filter(e -> "commercetools".equals(e.getSystem()) && e.getStatus() == status).count();
    }
}
