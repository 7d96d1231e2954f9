package io.vendsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.ingest.vend.VendFailure;
import io.vendsync.schemas.ops.IngestError;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendFault;
import io.vendsync.simulator.VendSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each way a Vend call fails, against the simulator's fault modes: the ingest backs off at least a second, asks
 * again, and reads everything once Vend answers well, with the failure counted and visible. One store is shared
 * (each test has its own topics); every fault is armed for the very next request, the first page of the read.
 */
class VendFailureRecoveryTest {

    private static final int RECORDS = 6;
    /** Short, so a stalled or endless answer costs little; long enough for a busy 2-core CI machine. */
    private static final long TIMEOUT_MS = 2_500;
    private static VendSimulator vend;

    @BeforeAll
    static void startVend() {
        vend = VendSimulator.start(SimulatorOptions.defaults());
        vend.seed(1, RECORDS, 91L);
    }

    @AfterAll
    static void stopVend() {
        vend.close();
    }

    @Test
    void shouldBackOffAndRecoverFromA5xx() throws Exception {
        vend.injectFailures(1, 503);
        final Recovery run = readInventory(VendFailure.SERVER_ERROR);
        assertThat(run.log()).extracting(r -> r.value().getStatus()).startsWith(503, 200);
    }

    @Test
    void shouldBackOffAndRecoverFromA401() throws Exception {
        vend.injectFailures(1, 401);
        final Recovery run = readInventory(VendFailure.UNAUTHORIZED);
        assertThat(run.log()).extracting(r -> r.value().getStatus()).startsWith(401, 200);
    }

    @Test
    void shouldBackOffAndRecoverFromATimeout() throws Exception {
        vend.injectFault(VendFault.STALL, 1);
        final Recovery run = readInventory(VendFailure.TIMEOUT);
        assertThat(run.firstGapMillis()).isGreaterThanOrEqualTo(TIMEOUT_MS + 1_000);
        assertThat(run.log().get(0).value().getError()).contains("TIMEOUT").contains("no answer");
    }

    @Test
    void shouldBackOffAndRecoverFromAConnectionReset() throws Exception {
        vend.injectFault(VendFault.CONNECTION_RESET, 1);
        final Recovery run = readInventory(VendFailure.CONNECTION_FAILED);
        assertThat(run.log().get(0).value().getStatus()).isEqualTo(-1);
    }

    @Test
    void shouldBackOffAndRecoverFromATruncatedBody() throws Exception {
        vend.injectFault(VendFault.TRUNCATED_BODY, 1);
        final Recovery run = readInventory(VendFailure.BODY_INCOMPLETE);
        assertThat(run.log().get(0).value().getError()).contains("BODY_INCOMPLETE");
    }

    @Test
    void shouldBackOffAndRecoverFromAnEmptyBody() throws Exception {
        vend.injectFault(VendFault.EMPTY_BODY, 1);
        final Recovery run = readInventory(VendFailure.BODY_EMPTY);
        assertThat(run.errors()).extracting(r -> r.value().getCode()).containsExactly("RESPONSE_EMPTY");
    }

    @Test
    void shouldCutOffABodyThatNeverEndsAtTheRequestDeadlineThenRecover() throws Exception {
        vend.injectFault(VendFault.ENDLESS_BODY, 1);
        final Recovery run = readInventory(VendFailure.TIMEOUT);
        assertThat(run.firstGapMillis()).isGreaterThanOrEqualTo(TIMEOUT_MS + 1_000);
        assertThat(run.log().get(0).value().getError()).contains("TIMEOUT").contains("body did not end");
    }

    @Test
    void shouldBackOffAndRecoverFromAnHtmlPageWithA200() throws Exception {
        vend.injectNonJsonBodies(1);
        final Recovery run = readInventory(VendFailure.NOT_JSON);
        assertThat(run.errors()).extracting(r -> r.value().getCode()).containsExactly("RESPONSE_NOT_JSON");
    }

    @Test
    void shouldBackOffAndRecoverFromNullData() throws Exception {
        vend.injectFault(VendFault.NULL_DATA, 1);
        final Recovery run = readInventory(VendFailure.NO_DATA);
        assertThat(run.errors()).extracting(r -> r.value().getCode()).containsExactly("RESPONSE_NO_DATA");
    }

    @Test
    void shouldBackOffAndRecoverFromARecordOfTheWrongShape() throws Exception {
        vend.injectFault(VendFault.WRONG_SHAPE_RECORD, 1);
        final Recovery run = readInventory(VendFailure.RECORD_SHAPE);
        // The re-asked page was whole: nothing had to be given up as unparseable.
        assertThat(run.errors()).extracting(r -> r.value().getCode()).containsExactly("RESPONSE_RECORD_SHAPE");
    }

    @Test
    void shouldBackOffAndRecoverFromVersionsThatGoBackwards() throws Exception {
        final IngestFixture fx = new IngestFixture();
        final InventoryRecord changed;
        try (IngestApp ingest = IngestApp.start(new IngestConfig(settings(fx)))) {
            assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
            changed = vend.inventory().get(2);
            vend.setInventory(changed.productId(), changed.outletId(), 777);
            // A stale replica answers the delta read with the page from version 0.
            vend.injectFault(VendFault.VERSIONS_BACKWARDS, 1);
            final int before = vend.requestTimes().size();
            ingest.scheduler().trigger("inventory", "test");
            assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(ingest.scheduler().failures()).isZero();
            assertThat(ingest.vendStatistics().failures(VendFailure.VERSION_BACKWARDS)).isEqualTo(1);
            assertThat(gapMillis(vend.requestTimes(), before)).isGreaterThanOrEqualTo(1_000);
        }
        final List<ConsumerRecord<String, VendChange>> raw = fx.read(fx.topics.rawInventory);
        // The snapshot, then only the change: nothing of the stale page was published again.
        assertThat(raw).hasSize(RECORDS + 1);
        assertThat(raw).filteredOn(r -> r.value().getAfter().contains("\"inventory_level\":777"))
                .singleElement().satisfies(r -> assertThat(IngestFixture.vendId(r)).isEqualTo(changed.id()));
        assertThat(fx.await(fx.topics.ingestErrors, all -> !all.isEmpty()))
                .extracting(r -> r.value().getCode()).containsExactly("RESPONSE_VERSION_BACKWARDS");
    }

    @Test
    void shouldPublishEachRecordOnceWhenAPageRepeatsRecordsAndCarriesUnknownFields() throws Exception {
        final IngestFixture fx = new IngestFixture();
        vend.injectFault(VendFault.DUPLICATE_RECORDS, 2);
        vend.injectFault(VendFault.UNKNOWN_FIELDS, 2);
        try (IngestApp ingest = IngestApp.start(new IngestConfig(settings(fx)))) {
            assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
            // A second read (its page spoiled the same way) publishes nothing more.
            ingest.scheduler().trigger("inventory", "test");
            assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(ingest.scheduler().failures()).isZero();
            assertThat(ingest.vendStatistics().failures().values()).allMatch(n -> n == 0);
        }
        final List<ConsumerRecord<String, VendChange>> raw = fx.read(fx.topics.rawInventory);
        assertThat(raw).hasSize(RECORDS).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
        // Fields the docs do not mention travel along untouched and bother nobody.
        assertThat(raw).allSatisfy(r -> assertThat(r.value().getAfter()).contains("x_field_not_in_the_docs"));
        assertThat(fx.read(fx.topics.ingestErrors)).isEmpty();
    }

    /** What one faulted read left behind. */
    private record Recovery(long firstGapMillis, List<ConsumerRecord<String, IntegrationLogEntry>> log,
                            List<ConsumerRecord<String, IngestError>> errors) {
    }

    /**
     * A snapshot of the inventory that meets the armed fault on its first request: it must back off at least a second,
     * count the failure once, and still publish every record once.
     */
    private static Recovery readInventory(final VendFailure expected) throws Exception {
        final IngestFixture fx = new IngestFixture();
        final int before = vend.requestTimes().size();
        try (IngestApp ingest = IngestApp.start(new IngestConfig(settings(fx)))) {
            assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(ingest.scheduler().failures()).isZero();
            assertThat(ingest.vendStatistics().failures(expected)).isEqualTo(1);
            assertThat(ingest.vendStatistics().backoffMillis()).isGreaterThanOrEqualTo(1_000);
        }
        final long gap = gapMillis(vend.requestTimes(), before);
        assertThat(gap).as("pause before asking again").isGreaterThanOrEqualTo(1_000);
        assertThat(fx.read(fx.topics.rawInventory)).hasSize(RECORDS).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
        final List<ConsumerRecord<String, IntegrationLogEntry>> log = fx.await(fx.topics.integrationLog,
                all -> all.stream().anyMatch(r -> r.value().getAttempt() == 2));
        // The faulted request and its retry: two attempts of one logical request, in order.
        final String retried = log.stream().filter(r -> r.value().getAttempt() == 2).findFirst().orElseThrow()
                .value().getCorrelationId();
        final List<ConsumerRecord<String, IntegrationLogEntry>> attempts = log.stream()
                .filter(r -> r.value().getCorrelationId().equals(retried))
                .sorted(java.util.Comparator.comparingInt(r -> r.value().getAttempt())).toList();
        assertThat(attempts).extracting(r -> r.value().getAttempt()).containsExactly(1, 2);
        return new Recovery(gap, attempts, fx.read(fx.topics.ingestErrors));
    }

    private static Map<String, String> settings(final IngestFixture fx) {
        final Map<String, String> settings = fx.settings(vend);
        settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
        settings.put(IngestConfig.VEND_ENTITIES, "inventory");
        // A configured budget, so the first request is the inventory read that meets the fault.
        settings.put(IngestConfig.VEND_RATE_BUDGET, "1000");
        settings.put(IngestConfig.VEND_REQUEST_TIMEOUT_MS, Long.toString(TIMEOUT_MS));
        return settings;
    }

    /** Time between the first two requests from index {@code from}: the faulted one and the next. */
    private static long gapMillis(final List<Instant> times, final int from) {
        assertThat(times.size()).isGreaterThanOrEqualTo(from + 2);
        return Duration.between(times.get(from), times.get(from + 1)).toMillis();
    }
}
