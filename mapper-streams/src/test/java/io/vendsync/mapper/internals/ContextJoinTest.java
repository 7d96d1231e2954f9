package io.vendsync.mapper.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ContextJoin} on a table of plain rows and a plain context (a string), with a slice every re-check and a budget
 * that lets each slice decide one row: a pass over many rows is spread over re-checks, and nothing is lost or left decided
 * under a stale context. Each row is "priced" as itself, '@', and the context.
 */
class ContextJoinTest {

    private static final Duration RECHECK = Duration.ofSeconds(1);
    private static final String KEY = "context-key";

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> rows;
    private TestInputTopic<String, byte[]> context;
    private TestOutputTopic<String, String> priced;

    @BeforeEach
    void start() {
        start(ContextJoin.Mode.INNER);
    }

    private void start(final ContextJoin.Mode mode) {
        if (driver != null) {
            driver.close();
        }
        final StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable("context", Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as("context-global")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
        builder.table("rows", Consumed.with(Serdes.String(), Serdes.String()),
                        Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("rows")
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .toStream()
                .process(new ContextJoin<String, String, String>(new ContextJoin.StoreNames("rows", "context-global", "context", KEY,
                        "decided-under"), mode, RECHECK, RECHECK, Duration.ZERO, Serdes.String().deserializer(),
                        (key, row, now, timestampMs) -> row + "@" + now, ContextJoinTest::ready), "rows")
                .to("priced", Produced.with(Serdes.String(), Serdes.String()));
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "context-join-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props);
        rows = driver.createInputTopic("rows", Serdes.String().serializer(), Serdes.String().serializer());
        context = driver.createInputTopic("context", Serdes.String().serializer(), Serdes.ByteArray().serializer());
        priced = driver.createOutputTopic("priced", Serdes.String().deserializer(), Serdes.String().deserializer());
    }

    /** A row {@code name+x} refers to {@code x}: it is ready once the context contains it; a plain row always is. */
    private static boolean ready(final String row, final String context) {
        final int plus = row.indexOf('+');
        return plus < 0 || context != null && context.contains(row.substring(plus + 1));
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void channel(final String value) {
        channel(value, 0L);
    }

    private void channel(final String value, final long timestampMs) {
        context.pipeInput(KEY, value == null ? null : value.getBytes(StandardCharsets.UTF_8), timestampMs);
    }

    private void recheck() {
        driver.advanceWallClockTime(RECHECK);
    }

    private void recheck(final int times) {
        for (int i = 0; i < times; i++) {
            recheck();
        }
    }

    /** A new context, {@code channelKey}, held still over two re-checks: its pass has begun. */
    private void contextHeldStill(final String channelKey) {
        channel(channelKey);
        recheck();
        recheck();
    }

    /** A fresh task settled under the context {@code channelKey} before any row: its first pass, over none, waits longest. */
    private void settledUnder(final String channelKey) {
        channel(channelKey);
        recheck(ContextJoin.MAX_CHECKS_FILLING);
    }

    /** The rows, priced under the context {@code channelKey}; what they published is read. */
    private void rowsPricedUnder(final String channelKey, final String... keys) {
        settledUnder(channelKey);
        for (final String key : keys) {
            rows.pipeInput(key, key);
        }
        priced.readValuesToList();
    }

    @Test
    void shouldSpreadAPassOverRechecksAndPriceEveryRowOnceUnderTheNewContext() {
        settledUnder("a");
        for (final String row : List.of("r1", "r2", "r3", "r4")) {
            rows.pipeInput(row, row);
        }
        assertThat(priced.readKeyValuesToMap()).containsOnlyKeys("r1", "r2", "r3", "r4");

        channel("b");
        recheck(); // the context changed since the last re-check: it waits for it to hold still
        assertThat(priced.readValuesToList()).isEmpty();
        recheck(); // held still: the pass begins, one row per re-check on this budget
        assertThat(priced.readValuesToList()).containsExactly("r1@b");
        recheck();
        assertThat(priced.readValuesToList()).containsExactly("r2@b");
        recheck();
        recheck();
        assertThat(priced.readValuesToList()).containsExactly("r3@b", "r4@b");
        recheck();
        assertThat(priced.readValuesToList()).as("the pass is over: nothing is priced again").isEmpty();
    }

    @Test
    void shouldPriceARowThatChangesDuringAPassAtOnceUnderThePassesContext() {
        rowsPricedUnder("a", "r1", "r2");

        contextHeldStill("b");
        assertThat(priced.readValuesToList()).containsExactly("r1@b");

        rows.pipeInput("r1", "r1-changed");
        assertThat(priced.readValuesToList()).containsExactly("r1-changed@b");
    }

    @Test
    void shouldBeginThePassAgainWhenTheContextMovesOnDuringIt() {
        rowsPricedUnder("a", "r1", "r2", "r3");

        contextHeldStill("b");
        assertThat(priced.readValuesToList()).containsExactly("r1@b");

        channel("c");
        recheck(); // the pass under b stops; c has not held still yet
        assertThat(priced.readValuesToList()).isEmpty();
        rows.pipeInput("r2", "r2-changed");
        assertThat(priced.readValuesToList()).as("a row changed while the context is unsettled waits for the pass").isEmpty();
        recheck(3);
        assertThat(priced.readKeyValuesToMap()).isEqualTo(Map.of("r1", "r1@c", "r2", "r2-changed@c", "r3", "r3@c"));
    }

    @Test
    void shouldPriceARowLeftForANewContextWhenTheContextGoesBackToTheOldOne() {
        rowsPricedUnder("a", "r1", "r2");

        channel("b");
        rows.pipeInput("r2", "r2-changed");
        assertThat(priced.readValuesToList()).as("left to the pass under b").isEmpty();
        channel("a"); // mapped back before b held still: no pass under b ran
        recheck(4);

        assertThat(priced.readKeyValuesToMap()).containsEntry("r2", "r2-changed@a");
    }

    @Test
    void shouldStampEachOutcomeWithTheLaterOfItsRowsAndItsContextsTime() {
        channel("a", 5_000L);
        recheck(ContextJoin.MAX_CHECKS_FILLING);

        rows.pipeInput("r1", "r1", 1_000L);
        rows.pipeInput("r2", "r2", 9_000L);

        assertThat(priced.readRecordsToList()).extracting(r -> r.key() + "@" + r.timestamp())
                .containsExactly("r1@5000", "r2@9000");
    }

    @Test
    void shouldFinishAPassForcedByAContextThatNeverHoldsStill() {
        rowsPricedUnder("a", "r1", "r2", "r3");

        for (int check = 1; check <= ContextJoin.MAX_CHECKS_WAITED + 3; check++) {
            channel("c" + check);
            recheck();
        }

        // Forced at the tenth re-check, under c10, one row per re-check, though the context moved on at every one.
        assertThat(priced.readKeyValuesToMap()).isEqualTo(Map.of("r1", "r1@c10", "r2", "r2@c10", "r3", "r3@c10"));
    }

    @Test
    void shouldPriceUnderTheOldContextAgainWhenItComesBackDuringAPass() {
        rowsPricedUnder("a", "r1", "r2", "r3");

        contextHeldStill("b");
        assertThat(priced.readValuesToList()).containsExactly("r1@b");
        channel("a"); // back before the pass under b reached r2 and r3
        recheck(4);

        assertThat(priced.readKeyValuesToMap()).containsEntry("r1", "r1@a");
    }

    @Test
    void shouldDecideNothingWhileThereIsNoContextInAnInnerJoin() {
        rows.pipeInput("r1", "r1");
        recheck(ContextJoin.MAX_CHECKS_WAITED + 2); // longer than a left join waits before deciding without one
        assertThat(priced.readValuesToList()).isEmpty();

        channel("a");
        recheck(3); // held still at the second, the rows through two
        assertThat(priced.readValuesToList()).containsExactly("r1@a");
    }

    @Test
    void shouldDecideRowsWithoutAContextInALeftJoinAfterTheLongestWaitAndAgainWhenOneArrives() {
        start(ContextJoin.Mode.LEFT);
        rows.pipeInput("r1", "r1");
        rows.pipeInput("r2", "r2");
        recheck(ContextJoin.MAX_CHECKS_WAITED - 1);
        assertThat(priced.readValuesToList()).as("a fresh task waits for its first pass, long without a context").isEmpty();
        recheck(2);
        assertThat(priced.readValuesToList()).containsExactly("r1@null", "r2@null");
        rows.pipeInput("r3", "r3");
        assertThat(priced.readValuesToList()).as("decided under none now").containsExactly("r3@null");

        contextHeldStill("a");
        recheck(2);
        assertThat(priced.readKeyValuesToMap()).isEqualTo(Map.of("r1", "r1@a", "r2", "r2@a", "r3", "r3@a"));
    }

    @Test
    void shouldDecideAColdStartsRowsOnlyUnderTheContextThatArrivesSecondsAfterThem() {
        start(ContextJoin.Mode.LEFT);
        rows.pipeInput("r1", "r1");
        recheck(ContextJoin.MAX_CHECKS_WAITED - 2);
        rows.pipeInput("r2", "r2");
        channel("a"); // the context, read back through its topic, comes seconds after the first rows
        recheck(4);

        assertThat(priced.readValuesToList()).containsExactly("r1@a", "r2@a");
    }

    @Test
    void shouldDecideEveryRowAgainWithoutAContextWhenALeftJoinsContextIsRemoved() {
        start(ContextJoin.Mode.LEFT);
        rowsPricedUnder("a", "r1", "r2");

        channel(null);
        recheck(ContextJoin.MAX_CHECKS_WAITED + 2);
        assertThat(priced.readKeyValuesToMap()).isEqualTo(Map.of("r1", "r1@null", "r2", "r2@null"));
        rows.pipeInput("r1", "r1-changed");
        assertThat(priced.readValuesToList()).containsExactly("r1-changed@null");
    }

    @Test
    void shouldHoldAFreshTasksRowsUntilTheyStopArrivingAndDecideEachOnce() {
        channel("a");
        rows.pipeInput("r1", "r1");
        recheck();
        rows.pipeInput("r1", "r1-2");
        rows.pipeInput("r2", "r2");
        recheck();
        rows.pipeInput("r2", "r2-2");
        recheck();
        assertThat(priced.readValuesToList()).as("the context held still, the rows did not").isEmpty();
        recheck();
        assertThat(priced.readValuesToList()).as("one quiet re-check is not enough").isEmpty();

        recheck(3);
        assertThat(priced.readValuesToList()).containsExactly("r1-2@a", "r2-2@a");
        rows.pipeInput("r1", "r1-3");
        assertThat(priced.readValuesToList()).as("after the first pass, decided at once").containsExactly("r1-3@a");
    }

    @Test
    void shouldBeginAFreshTasksFirstPassAfterTheLongestFillThoughRowsKeepArriving() {
        channel("a");
        for (int check = 1; check < ContextJoin.MAX_CHECKS_FILLING; check++) {
            rows.pipeInput("r1", "r1-" + check);
            recheck();
        }
        assertThat(priced.readValuesToList()).isEmpty();

        rows.pipeInput("r1", "r1-last");
        recheck();
        assertThat(priced.readValuesToList()).containsExactly("r1-last@a");
    }

    @Test
    void shouldWaitForAFreshTasksRowsWhenTheContextCameBeforeThem() {
        channel("a");
        recheck(3);
        rows.pipeInput("r1", "r1-1");
        recheck();
        rows.pipeInput("r1", "r1-2");
        recheck(2);
        assertThat(priced.readValuesToList()).as("no early pass over no rows").isEmpty();

        recheck(2);
        assertThat(priced.readValuesToList()).containsExactly("r1-2@a");
    }

    @Test
    void shouldDecideARowThatChangedWhileTheContextWasGoneWhenTheSameContextComesBack() {
        rowsPricedUnder("a", "r1");

        channel(null);
        rows.pipeInput("r1", "r1-changed");
        channel("a");
        recheck(3);

        assertThat(priced.readValuesToList()).containsExactly("r1-changed@a");
    }

    @Test
    void shouldLetARowWaitForWhatItRefersToAndDecideItOnceTheContextHoldsIt() {
        settledUnder("a");
        rows.pipeInput("r1", "r1+x");
        recheck(3);
        assertThat(priced.readValuesToList()).as("x is not in the context yet").isEmpty();
        assertThat(waiting()).containsExactly("r1");

        contextHeldStill("a,x");
        recheck();

        assertThat(priced.readValuesToList()).containsExactly("r1+x@a,x");
        assertThat(waiting()).isEmpty();
        recheck(ContextJoin.MAX_CHECKS_WAITED + 1);
        assertThat(priced.readValuesToList()).as("decided once").isEmpty();
    }

    @Test
    void shouldDecideAWaitingRowAsItIsAfterTheLongestWait() {
        settledUnder("a");
        rows.pipeInput("r1", "r1+x");
        recheck(ContextJoin.MAX_CHECKS_WAITED - 1);
        assertThat(priced.readValuesToList()).isEmpty();

        recheck();

        assertThat(priced.readValuesToList()).as("x never came: decided without it").containsExactly("r1+x@a");
        assertThat(waiting()).isEmpty();
        recheck(ContextJoin.MAX_CHECKS_WAITED + 1);
        assertThat(priced.readValuesToList()).isEmpty();
    }

    @Test
    void shouldDecideAWaitingRowAtOnceWhenItChangesToNeedNothingMissing() {
        settledUnder("a");
        rows.pipeInput("r1", "r1+x");
        recheck();

        rows.pipeInput("r1", "r1");

        assertThat(priced.readValuesToList()).containsExactly("r1@a");
        assertThat(waiting()).isEmpty();
        recheck(ContextJoin.MAX_CHECKS_WAITED + 1);
        assertThat(priced.readValuesToList()).as("the old value is not decided later").isEmpty();
    }

    @Test
    void shouldForgetAWaitingRowThatIsDeleted() {
        settledUnder("a");
        rows.pipeInput("r1", "r1+x");
        recheck();

        rows.pipeInput("r1", (String) null);
        recheck(ContextJoin.MAX_CHECKS_WAITED + 1);

        assertThat(priced.readValuesToList()).isEmpty();
        assertThat(waiting()).isEmpty();
    }

    @Test
    void shouldDecideRowsThatWaitedTheLongestASliceAtATime() {
        settledUnder("a");
        for (final String row : List.of("r1", "r2", "r3")) {
            rows.pipeInput(row, row + "+x");
        }
        recheck(ContextJoin.MAX_CHECKS_WAITED);
        // This budget decides one row per re-check: thousands timed out at once must not outlast a transaction.
        assertThat(priced.readValuesToList()).containsExactly("r1+x@a");
        recheck();
        assertThat(priced.readValuesToList()).containsExactly("r2+x@a");
        recheck();
        assertThat(priced.readValuesToList()).containsExactly("r3+x@a");
        assertThat(waiting()).isEmpty();
    }

    @Test
    void shouldLetARowDeletedWhileWaitingWaitAfreshWhenItComesBack() {
        settledUnder("a");
        rows.pipeInput("r1", "r1+x");
        recheck(ContextJoin.MAX_CHECKS_WAITED - 1);
        rows.pipeInput("r1", (String) null);
        assertThat(waiting()).isEmpty();

        rows.pipeInput("r1", "r1+x");
        recheck();

        assertThat(priced.readValuesToList()).as("not decided on the old row's wait").isEmpty();
        assertThat(waiting()).containsExactly("r1");
    }

    /**
     * A restarted task finds the rows that were waiting in its decided-under store and goes on waiting for them: without
     * that, a row that waited when the task stopped would be decided by nothing until it or the context changed.
     */
    @Test
    void shouldKeepWaitingForTheRowsARestartedTaskFindsWaiting(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path stateDir) {
        final ContextJoin<String, String, String> join = new ContextJoin<>(new ContextJoin.StoreNames("rows", "context-global", "context",
                KEY, "decided-under"), ContextJoin.Mode.INNER, RECHECK, RECHECK, Duration.ZERO, Serdes.String().deserializer(),
                (key, row, now, timestampMs) -> row + "@" + now, ContextJoinTest::ready);
        final org.apache.kafka.streams.processor.api.MockProcessorContext<String, String> mock =
                new org.apache.kafka.streams.processor.api.MockProcessorContext<>(new Properties(),
                        new org.apache.kafka.streams.processor.TaskId(0, 0), stateDir.toFile());
        final List<org.apache.kafka.streams.processor.StateStore> stores = new java.util.ArrayList<>();
        join.stores().forEach(builder -> stores.add(builder.withLoggingDisabled().withCachingDisabled().build()));
        stores.add(org.apache.kafka.streams.state.Stores.timestampedKeyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore("rows"), Serdes.String(), Serdes.String()).withLoggingDisabled().build());
        stores.add(org.apache.kafka.streams.state.Stores.timestampedKeyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore("context-global"), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().build());
        stores.forEach(store -> {
            store.init(mock.getStateStoreContext(), store);
            mock.addStateStore(store);
        });
        try {
            // What the task left: settled under "a", with r1 waiting for x.
            final org.apache.kafka.streams.state.TimestampedKeyValueStore<String, byte[]> contexts = mock.getStateStore("context-global");
            contexts.put(KEY, org.apache.kafka.streams.state.ValueAndTimestamp.make("a".getBytes(StandardCharsets.UTF_8), 0L));
            final org.apache.kafka.streams.state.TimestampedKeyValueStore<String, String> rowStore = mock.getStateStore("rows");
            rowStore.put("r1", org.apache.kafka.streams.state.ValueAndTimestamp.make("r1+x", 0L));
            final KeyValueStore<String, byte[]> decidedUnder = mock.getStateStore("decided-under");
            decidedUnder.put(KEY, "a".getBytes(StandardCharsets.UTF_8));
            decidedUnder.put(ContextJoin.WAITING + "r1", new byte[0]);

            join.get().init(mock);
            for (int check = 0; check < ContextJoin.MAX_CHECKS_WAITED; check++) {
                mock.scheduledPunctuators().get(0).getPunctuator().punctuate(check * RECHECK.toMillis());
            }

            final List<String> decided = mock.forwarded().stream().map(f -> (String) f.record().value()).toList();
            assertThat(decided).as("x never came: decided without it").containsExactly("r1+x@a");
            assertThat(decidedUnder.get(ContextJoin.WAITING + "r1")).isNull();
        } finally {
            stores.forEach(org.apache.kafka.streams.processor.StateStore::close);
        }
    }

    /** The rows the decided-under store keeps as waiting (what a restarted task would wait for again). */
    private List<String> waiting() {
        final KeyValueStore<String, byte[]> store = driver.getKeyValueStore("decided-under");
        final List<String> keys = new java.util.ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> {
                if (kv.key.startsWith(ContextJoin.WAITING)) {
                    keys.add(kv.key.substring(ContextJoin.WAITING.length()));
                }
            });
        }
        return keys;
    }
}
