package io.vendsync.sink.internals;

import static io.vendsync.sink.internals.MockProject.level;
import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.schemas.FailureHeaders;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.canonical.v1.TaxCategory;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.SinkTopics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** One processor for several canonical topics: dispatch by topic (retry tiers: by the original topic), routing, counting. */
class RecordProcessorTest {

    private static final Topics TOPICS = new Topics("test.", SerdeFactory.singleObject());
    private static final String RETRY_1 = SinkTopics.of(TOPICS).catalogRetry(1).name();

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final FakeCatalogWriter<TaxCategory> taxes = new FakeCatalogWriter<>("tax-category", TaxCategory::getSourceVersion,
            TaxCategory::getKey);
    private final FakeCatalogWriter<InventoryLevel> levels = new FakeCatalogWriter<>("inventory", InventoryLevel::getSourceVersion,
            InventoryLevel::getSku);
    private final SinkStatistics statistics = new SinkStatistics("catalog records");
    private final RecordProcessor processor = new RecordProcessor(
            List.of(TopicHandler.of(TOPICS.canonicalTaxCategories, taxes), TopicHandler.of(TOPICS.canonicalInventory, levels)),
            statistics, new FailureClassifier(),
            new FailureRouter(producer, List.of(RETRY_1), List.of(1_000L), SinkTopics.of(TOPICS).catalogDlq.name(), () -> 5_000L));

    static TaxCategory tax(final String key, final long version) {
        return TaxCategory.newBuilder().setKey(key).setVendTaxId("vend-" + key).setName("GST " + key).setRates(List.of())
                .setSourceVersion(version).setSourceTsMs(0L).build();
    }

    private static ConsumerRecord<byte[], byte[]> record(final String topic, final long offset, final String key, final byte[] value) {
        return new ConsumerRecord<>(topic, 0, offset, key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static ConsumerRecord<byte[], byte[]> taxRecord(final long offset, final TaxCategory tax) {
        final String topic = TOPICS.canonicalTaxCategories.name();
        return record(topic, offset, tax.getKey(), TOPICS.canonicalTaxCategories.valueSerde().serializer().serialize(topic, tax));
    }

    /** As the router left it on retry tier 1. */
    private static ConsumerRecord<byte[], byte[]> onRetryTier(final ConsumerRecord<byte[], byte[]> source, final String originalTopic) {
        final ConsumerRecord<byte[], byte[]> retried = record(RETRY_1, 0, new String(source.key(), StandardCharsets.UTF_8), source.value());
        FailureHeaders.put(retried.headers(), FailureHeaders.ORIGINAL_TOPIC, originalTopic);
        FailureHeaders.put(retried.headers(), FailureHeaders.ORIGINAL_OFFSET, source.offset());
        FailureHeaders.put(retried.headers(), FailureHeaders.ATTEMPTS, 1);
        return retried;
    }

    @Test
    void shouldDispatchEachRecordToTheWriterOfItsTopic() {
        final InventoryLevel level = level("main", "SKU-1", 3, 1);
        final String inventoryTopic = TOPICS.canonicalInventory.name();
        processor.process(taxRecord(0, tax("tax-a", 1)), 0);
        processor.process(record(inventoryTopic, 0, "main/SKU-1",
                TOPICS.canonicalInventory.valueSerde().serializer().serialize(inventoryTopic, level)), 0);

        assertThat(taxes.appliedIds()).containsExactly("tax-a");
        assertThat(levels.appliedIds()).containsExactly("SKU-1");
        assertThat(statistics.created()).isEqualTo(2);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldSkipARecordOlderThanTheVersionAlreadyAppliedForItsKeyAndMarkWhatItApplies() {
        final MemoryAppliedVersions applied = new MemoryAppliedVersions();
        // Another group (the main sink, when this is a replay) applied version 5 of tax-a, at offset 1.
        applied.record(TOPICS.canonicalTaxCategories.name(), "tax-a", new AppliedVersions.Mark(5, 1));
        final RecordProcessor replay = catalogProcessor(applied);

        replay.process(taxRecord(0, tax("tax-a", 3)), 0); // older: would regress commercetools on the way
        replay.process(taxRecord(1, tax("tax-a", 5)), 0); // the one applied: diffed, nothing to write
        replay.process(taxRecord(2, tax("tax-b", 1)), 0);

        assertThat(taxes.appliedIds()).containsExactly("tax-a", "tax-b");
        assertThat(statistics.skippedStale()).isEqualTo(1);
        assertThat(applied.marks).containsEntry(TOPICS.canonicalTaxCategories.name() + "|tax-b", new AppliedVersions.Mark(1, 2));
    }

    @Test
    void shouldNotLetAnEarlierRecordOfTheSameVersionBackFromARetryTierUndoTheLaterOne() {
        final MemoryAppliedVersions applied = new MemoryAppliedVersions();
        final RecordProcessor processor = catalogProcessor(applied);
        // One key published twice under one version (the second saw context the first had not): offsets 2 and 4.
        final ConsumerRecord<byte[], byte[]> earlier = taxRecord(2, tax("tax-a", 40));
        taxes.failTransiently("tax-a", 1);
        assertThat(processor.process(earlier, 0)).isEqualTo(RecordProcessor.Result.RETRYING);
        assertThat(processor.process(taxRecord(4, tax("tax-a", 40)), 0)).isEqualTo(RecordProcessor.Result.APPLIED);

        final RecordProcessor.Result late = processor.process(onRetryTier(earlier, TOPICS.canonicalTaxCategories.name()), 1);

        assertThat(late).isEqualTo(RecordProcessor.Result.SUPERSEDED);
        assertThat(taxes.appliedIds()).containsExactly("tax-a"); // the later record only
        assertThat(statistics.superseded()).isEqualTo(1);
        assertThat(applied.marks).containsEntry(TOPICS.canonicalTaxCategories.name() + "|tax-a", new AppliedVersions.Mark(40, 4));
    }

    @Test
    void shouldReplayOnlyTheLastRecordOfAVersionTheMainGroupApplied() {
        final MemoryAppliedVersions applied = new MemoryAppliedVersions();
        applied.record(TOPICS.canonicalTaxCategories.name(), "tax-a", new AppliedVersions.Mark(40, 4));
        final RecordProcessor replay = catalogProcessor(applied);

        replay.process(taxRecord(2, tax("tax-a", 40)), 0); // an intermediate state: writing it would undo the project
        replay.process(taxRecord(4, tax("tax-a", 40)), 0);

        assertThat(taxes.appliedIds()).containsExactly("tax-a");
        assertThat(statistics.skippedStale()).isEqualTo(1);
    }

    @Test
    void shouldApplyADeadLetterReplayedOntoItsTopicWhateverItsNewOffset() {
        final MemoryAppliedVersions applied = new MemoryAppliedVersions();
        applied.record(TOPICS.canonicalTaxCategories.name(), "tax-a", new AppliedVersions.Mark(40, 4));
        final RecordProcessor processor = catalogProcessor(applied);
        final ConsumerRecord<byte[], byte[]> replayed = taxRecord(9, tax("tax-a", 40));
        FailureHeaders.put(replayed.headers(), FailureHeaders.REPLAY_OF, "0/17");

        assertThat(processor.process(replayed, 0)).isEqualTo(RecordProcessor.Result.APPLIED);
        assertThat(processor.process(taxRecord(4, tax("tax-a", 40)), 0)).isEqualTo(RecordProcessor.Result.APPLIED);

        // Its new offset says nothing of its order: it neither outranks the record at offset 4 nor is outranked.
        assertThat(taxes.appliedIds()).containsExactly("tax-a", "tax-a");
        assertThat(applied.marks).containsEntry(TOPICS.canonicalTaxCategories.name() + "|tax-a", new AppliedVersions.Mark(40, 4));
    }

    @Test
    void shouldOrderADeadLetterReplayedOntoItsTopicByTheOffsetItWasFirstReadAt() {
        final MemoryAppliedVersions applied = new MemoryAppliedVersions();
        applied.record(TOPICS.canonicalTaxCategories.name(), "tax-a", new AppliedVersions.Mark(40, 4));
        final ConsumerRecord<byte[], byte[]> replayed = taxRecord(9, tax("tax-a", 40));
        FailureHeaders.put(replayed.headers(), FailureHeaders.REPLAY_OF, "0/17");
        FailureHeaders.put(replayed.headers(), FailureHeaders.REPLAY_ORIGINAL_OFFSET, 2L);

        catalogProcessor(applied).process(replayed, 0);

        assertThat(taxes.appliedIds()).as("it was at offset 2, before the record applied at 4: older").isEmpty();
        assertThat(statistics.skippedStale()).isEqualTo(1);
    }

    @Test
    void shouldApplyEveryRecordOfAVersionWhoseMarkHasNoOffset() {
        final MemoryAppliedVersions applied = new MemoryAppliedVersions();
        // A mark an older sink wrote: the bare version.
        applied.record(TOPICS.canonicalTaxCategories.name(), "tax-a", AppliedVersions.Mark.parse("40"));
        final RecordProcessor replay = catalogProcessor(applied);

        replay.process(taxRecord(2, tax("tax-a", 40)), 0);
        replay.process(taxRecord(4, tax("tax-a", 39)), 0);

        assertThat(taxes.appliedIds()).containsExactly("tax-a");
        assertThat(statistics.skippedStale()).isEqualTo(1);
        assertThat(applied.marks).containsEntry(TOPICS.canonicalTaxCategories.name() + "|tax-a", new AppliedVersions.Mark(40, 2));
    }

    private RecordProcessor catalogProcessor(final AppliedVersions applied) {
        return new RecordProcessor(List.of(TopicHandler.of(TOPICS.canonicalTaxCategories, taxes)), statistics, new FailureClassifier(),
                new FailureRouter(producer, List.of(RETRY_1), List.of(1_000L), SinkTopics.of(TOPICS).catalogDlq.name(), () -> 5_000L), applied);
    }

    @Test
    void shouldDispatchARetriedRecordByItsOriginalTopicHeader() {
        final RecordProcessor.Result result = processor.process(onRetryTier(taxRecord(7, tax("tax-b", 4)),
                TOPICS.canonicalTaxCategories.name()), 1);

        assertThat(result).isEqualTo(RecordProcessor.Result.APPLIED);
        assertThat(taxes.appliedIds()).containsExactly("tax-b");
        assertThat(levels.attempts()).isEmpty();
    }

    @Test
    void shouldRouteATransientCatalogFailureToTheNextTierWithTheWritersEntityAndVersion() {
        taxes.failTransiently("tax-c", 1);

        final RecordProcessor.Result result = processor.process(taxRecord(3, tax("tax-c", 9)), 0);

        assertThat(result).isEqualTo(RecordProcessor.Result.RETRYING);
        final ProducerRecord<byte[], byte[]> routed = producer.history().get(0);
        assertThat(routed.topic()).isEqualTo(RETRY_1);
        assertThat(FailureHeaders.text(routed.headers(), FailureHeaders.ENTITY)).isEqualTo("tax-category");
        assertThat(FailureHeaders.text(routed.headers(), FailureHeaders.SOURCE_VERSION)).isEqualTo("9");
        assertThat(FailureHeaders.text(routed.headers(), FailureHeaders.ERROR_KIND)).isEqualTo("transient");
        assertThat(FailureHeaders.text(routed.headers(), FailureHeaders.ERROR_CLASS)).isEqualTo(MissingReferenceException.class.getName());
        assertThat(FailureHeaders.text(routed.headers(), FailureHeaders.ORIGINAL_TOPIC)).isEqualTo(TOPICS.canonicalTaxCategories.name());
        assertThat(statistics.retried()).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterARetriedRecordWhoseOriginalTopicHasNoHandler() {
        final ConsumerRecord<byte[], byte[]> orphan = onRetryTier(taxRecord(2, tax("tax-d", 2)), TOPICS.canonicalPrices.name());

        final RecordProcessor.Result result = processor.process(orphan, 1);

        assertThat(result).isEqualTo(RecordProcessor.Result.DEAD_LETTERED);
        final ProducerRecord<byte[], byte[]> dead = producer.history().get(0);
        assertThat(dead.topic()).isEqualTo(SinkTopics.of(TOPICS).catalogDlq.name());
        assertThat(dead.value()).isEqualTo(orphan.value());
        assertThat(FailureHeaders.text(dead.headers(), FailureHeaders.ERROR_KIND)).isEqualTo("permanent");
        assertThat(FailureHeaders.text(dead.headers(), FailureHeaders.ERROR_MESSAGE)).contains(TOPICS.canonicalPrices.name());
        assertThat(FailureHeaders.text(dead.headers(), FailureHeaders.ENTITY)).isNull();
        assertThat(taxes.attempts()).isEmpty();
        assertThat(statistics.failed()).isEqualTo(1);
    }

    @Test
    void shouldCountATombstoneWithoutApplyingIt() {
        final RecordProcessor.Result result = processor.process(record(TOPICS.canonicalTaxCategories.name(), 0, "tax-e", null), 0);

        assertThat(result).isEqualTo(RecordProcessor.Result.TOMBSTONE);
        assertThat(statistics.tombstonesSkipped()).isEqualTo(1);
        assertThat(taxes.attempts()).isEmpty();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldDeadLetterUndeserialisableCatalogRecordUnderItsTopicsEntity() {
        final byte[] garbage = {1, 2, 3};
        processor.process(record(TOPICS.canonicalTaxCategories.name(), 4, "tax-f", garbage), 0);

        final ProducerRecord<byte[], byte[]> dead = producer.history().get(0);
        assertThat(dead.topic()).isEqualTo(SinkTopics.of(TOPICS).catalogDlq.name());
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(FailureHeaders.text(dead.headers(), FailureHeaders.ENTITY)).isEqualTo("tax-category");
        assertThat(FailureHeaders.text(dead.headers(), FailureHeaders.SOURCE_VERSION)).isNull();
        assertThat(statistics.undeserialisable()).isEqualTo(1);
    }
}
