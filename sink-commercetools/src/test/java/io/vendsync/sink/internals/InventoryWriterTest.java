package io.vendsync.sink.internals;

import static io.vendsync.sink.internals.MockProject.level;
import static io.vendsync.sink.internals.MockProject.sourceVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercetools.api.models.channel.Channel;
import com.commercetools.api.models.channel.ChannelResourceIdentifier;
import com.commercetools.api.models.channel.ChannelRoleEnum;
import com.commercetools.api.models.inventory.InventoryEntry;
import com.commercetools.api.models.inventory.InventoryEntryChangeQuantityAction;
import com.commercetools.api.models.inventory.InventoryEntryDraft;
import com.commercetools.api.models.inventory.InventoryEntrySetCustomFieldAction;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InventoryWriterTest {

    private MockProject project;

    @BeforeEach
    void setUp() {
        project = new MockProject();
        project.log.clear();
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void shouldCreateChannelAndEntryWhenMissing() {
        final var writer = project.writer(5);

        assertThat(writer.apply(level("outlet-main", "SKU-1", 12, 7))).isEqualTo(WriteOutcome.CREATED);

        final List<Channel> channels = project.channels("outlet-main");
        assertThat(channels).hasSize(1);
        assertThat(channels.get(0).getRoles()).containsExactlyInAnyOrder(ChannelRoleEnum.INVENTORY_SUPPLY, ChannelRoleEnum.PRODUCT_DISTRIBUTION);
        final InventoryEntry entry = project.entry("SKU-1");
        assertThat(entry.getQuantityOnStock()).isEqualTo(12L);
        assertThat(entry.getSupplyChannel().getId()).isEqualTo(channels.get(0).getId());
        assertThat(entry.getCustom().getType().getId()).isEqualTo(project.typeId);
        assertThat(sourceVersion(entry)).isEqualTo(7L);
        assertThat(entry.getCustom().getFields().values()).containsEntry(InventoryTypeEnsurer.DOMAIN_PREFIX_FIELD, "teststore");
        assertThat(writer.statistics().created()).isEqualTo(1);

        // Every request went to the integration log, tagged with the record key + version, without credentials.
        assertThat(project.requests("POST", "/channels")).hasSize(1);
        assertThat(project.requests("POST", "/inventory")).hasSize(1);
        assertThat(project.log).allSatisfy(e -> {
            assertThat(e.getSystem()).isEqualTo("commercetools");
            assertThat(e.getCorrelationId()).isEqualTo("outlet-main/SKU-1@7");
            assertThat(e.getStatus()).isBetween(200, 299);
            assertThat(String.valueOf(e.getRequestBody()) + e.getResponseBody() + e.getUrl())
                    .doesNotContain("Bearer").doesNotContain(project.mock.clientSecret());
        });
        assertThat(project.requests("POST", "/inventory").get(0).getRequestBody()).contains("\"SKU-1\"").contains("12");
    }

    @Test
    void shouldNotWriteWhenReplayedRecordHasSameVersion() {
        project.writer(5).apply(level("outlet-main", "SKU-1", 12, 7));
        final long entryVersion = project.entry("SKU-1").getVersion();
        project.log.clear();

        // A replay after a restart: a new writer with an empty channel cache.
        final var restarted = project.writer(5);
        assertThat(restarted.apply(level("outlet-main", "SKU-1", 12, 7))).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(restarted.apply(level("outlet-main", "SKU-1", 12, 7))).isEqualTo(WriteOutcome.UNCHANGED);

        assertThat(project.writes()).isEmpty();
        assertThat(project.log).isNotEmpty(); // it did read
        assertThat(project.entry("SKU-1").getVersion()).isEqualTo(entryVersion);
        assertThat(restarted.statistics().unchanged()).isEqualTo(2);
        assertThat(restarted.statistics().updated() + restarted.statistics().created()).isZero();
    }

    @Test
    void shouldNotRegressQuantityWhenOlderVersionArrivesLate() {
        final var writer = project.writer(5);
        writer.apply(level("outlet-main", "SKU-1", 10, 5));
        project.log.clear();

        assertThat(writer.apply(level("outlet-main", "SKU-1", 7, 3))).isEqualTo(WriteOutcome.SKIPPED_STALE);

        final InventoryEntry entry = project.entry("SKU-1");
        assertThat(entry.getQuantityOnStock()).isEqualTo(10L);
        assertThat(sourceVersion(entry)).isEqualTo(5L);
        assertThat(project.writes()).isEmpty();
        assertThat(writer.statistics().skippedStale()).isEqualTo(1);
    }

    @Test
    void shouldUpdateQuantityWhenNewerVersionArrives() {
        final var writer = project.writer(5);
        writer.apply(level("outlet-main", "SKU-1", 10, 1));
        project.log.clear();

        assertThat(writer.apply(level("outlet-main", "SKU-1", 4, 2))).isEqualTo(WriteOutcome.UPDATED);
        InventoryEntry entry = project.entry("SKU-1");
        assertThat(entry.getQuantityOnStock()).isEqualTo(4L);
        assertThat(sourceVersion(entry)).isEqualTo(2L);
        assertThat(project.writes()).hasSize(1);
        assertThat(project.writes().get(0).getRequestBody()).contains("changeQuantity").contains("setCustomField");

        // Same quantity, newer version: only the version moves, no changeQuantity.
        project.log.clear();
        assertThat(writer.apply(level("outlet-main", "SKU-1", 4, 3))).isEqualTo(WriteOutcome.UPDATED);
        entry = project.entry("SKU-1");
        assertThat(entry.getQuantityOnStock()).isEqualTo(4L);
        assertThat(sourceVersion(entry)).isEqualTo(3L);
        assertThat(project.writes()).hasSize(1);
        assertThat(project.writes().get(0).getRequestBody()).doesNotContain("changeQuantity").contains("setCustomField");
        assertThat(writer.statistics().updated()).isEqualTo(2);
    }

    @Test
    void shouldRebuildAndRetryOn409() {
        final var writer = project.writer(5);
        writer.apply(level("outlet-main", "SKU-1", 10, 1));
        final AtomicInteger hookCalls = new AtomicInteger();
        // Between the writer's read and its write, someone else changes the quantity: the write must get a real 409.
        writer.beforeUpdateForTests(entry -> {
            if (hookCalls.getAndIncrement() == 0) {
                project.changeBehindTheBack(entry, InventoryEntryChangeQuantityAction.builder().quantity(99L).build());
            }
        });
        project.log.clear();

        assertThat(writer.apply(level("outlet-main", "SKU-1", 6, 2))).isEqualTo(WriteOutcome.UPDATED);

        assertThat(hookCalls.get()).isEqualTo(2);
        assertThat(project.log).anySatisfy(e -> assertThat(e.getStatus()).isEqualTo(409));
        final List<IntegrationLogEntry> updates = project.requests("POST", "/inventory/");
        assertThat(updates).extracting(IntegrationLogEntry::getStatus).containsExactly(409, 200);
        assertThat(updates).extracting(IntegrationLogEntry::getAttempt).containsExactly(1, 2);
        final InventoryEntry entry = project.entry("SKU-1");
        assertThat(entry.getQuantityOnStock()).isEqualTo(6L);
        assertThat(sourceVersion(entry)).isEqualTo(2L);
        assertThat(writer.statistics().conflictRetries()).isEqualTo(1);
        assertThat(writer.statistics().updated()).isEqualTo(1);
    }

    @Test
    void shouldNotOverwriteNewerVersionWrittenConcurrently() {
        final var writer = project.writer(5);
        writer.apply(level("outlet-main", "SKU-1", 10, 1));
        // Another writer stores version 9 (quantity 50) between our read and our write.
        writer.beforeUpdateForTests(entry -> {
            if (sourceVersion(entry) == 1L) {
                project.changeBehindTheBack(entry, InventoryEntryChangeQuantityAction.builder().quantity(50L).build(),
                        InventoryEntrySetCustomFieldAction.builder().name(InventoryTypeEnsurer.SOURCE_VERSION_FIELD).value(9L).build());
            }
        });

        // Re-sending the same actions with the new version (the SDK's 409 middleware) would regress to 6; rebuilding must not.
        assertThat(writer.apply(level("outlet-main", "SKU-1", 6, 2))).isEqualTo(WriteOutcome.SKIPPED_STALE);

        final InventoryEntry entry = project.entry("SKU-1");
        assertThat(entry.getQuantityOnStock()).isEqualTo(50L);
        assertThat(sourceVersion(entry)).isEqualTo(9L);
        assertThat(writer.statistics().conflictRetries()).isEqualTo(1);
    }

    @Test
    void shouldFailRecordAfterBoundedRetries() {
        final var writer = project.writer(2);
        writer.apply(level("outlet-main", "SKU-1", 10, 1));
        final AtomicInteger quantity = new AtomicInteger(100);
        writer.beforeUpdateForTests(entry -> project.changeBehindTheBack(entry,
                InventoryEntryChangeQuantityAction.builder().quantity((long) quantity.incrementAndGet()).build()));
        project.log.clear();

        assertThatThrownBy(() -> writer.apply(level("outlet-main", "SKU-1", 6, 2)))
                .isInstanceOf(SinkWriteException.class)
                .hasMessageContaining("outlet-main/SKU-1@2")
                .hasMessageContaining("409");

        assertThat(project.requests("POST", "/inventory/")).hasSize(3).allSatisfy(e -> assertThat(e.getStatus()).isEqualTo(409));
        // The sink, not the writer, counts a failure: only once the record is dead-lettered.
        assertThat(writer.statistics().processed()).isEqualTo(1);
        assertThat(writer.statistics().conflictRetries()).isEqualTo(2);
        assertThat(sourceVersion(project.entry("SKU-1"))).isEqualTo(1L);
    }

    @Test
    void shouldNotCreateSecondChannelForSameKey() {
        final var writer = project.writer(5);
        writer.apply(level("outlet-main", "SKU-1", 1, 1));
        writer.apply(level("outlet-main", "SKU-2", 2, 1));
        writer.apply(level("outlet-main", "SKU-3", 3, 1));
        // A restarted sink (empty cache) queries before creating.
        project.writer(5).apply(level("outlet-main", "SKU-4", 4, 1));
        writer.apply(level("outlet-other", "SKU-1", 5, 1));

        assertThat(project.channels("outlet-main")).hasSize(1);
        assertThat(project.channels("outlet-other")).hasSize(1);
        assertThat(project.requests("POST", "/channels")).hasSize(2);
        assertThat(project.requests("GET", "/channels")).hasSize(3); // main, main after restart, other
        assertThat(project.entries("SKU-1")).hasSize(2);
    }

    @Test
    void shouldClampNegativeQuantityToZero() {
        final var writer = project.writer(5);
        writer.apply(level("outlet-main", "SKU-1", -3, 1));
        assertThat(project.entry("SKU-1").getQuantityOnStock()).isZero();
        writer.apply(level("outlet-main", "SKU-1", 5, 2));
        writer.apply(level("outlet-main", "SKU-1", -1, 3));
        final InventoryEntry entry = project.entry("SKU-1");
        assertThat(entry.getQuantityOnStock()).isZero();
        assertThat(sourceVersion(entry)).isEqualTo(3L);
        assertThat(writer.statistics().negativeQuantitiesClamped()).isEqualTo(2);
    }

    @Test
    void shouldWriteOnlyTheLeadingEntryWhenDuplicatesExist() {
        final var writer = project.writer(5);
        writer.apply(level("outlet-main", "SKU-1", 10, 4));
        final String channelId = project.channels("outlet-main").get(0).getId();
        // The mock does not enforce (SKU, channel) uniqueness: add a stray entry without vendsync's fields.
        project.direct.inventory().post(InventoryEntryDraft.builder().sku("SKU-1")
                .supplyChannel(ChannelResourceIdentifier.builder().id(channelId).build()).quantityOnStock(1L).build()).executeBlocking();
        project.log.clear();

        // A sink instance that reads the key (one that wrote it remembers the entry it wrote and writes that one again).
        final var reading = project.writer(5);
        assertThat(reading.apply(level("outlet-main", "SKU-1", 8, 5))).isEqualTo(WriteOutcome.UPDATED);

        final List<InventoryEntry> entries = project.entries("SKU-1");
        assertThat(entries).hasSize(2);
        assertThat(entries).filteredOn(e -> e.getCustom() != null)
                .singleElement().satisfies(e -> {
                    assertThat(e.getQuantityOnStock()).isEqualTo(8L);
                    assertThat(sourceVersion(e)).isEqualTo(5L);
                });
        assertThat(entries).filteredOn(e -> e.getCustom() == null).singleElement()
                .satisfies(e -> assertThat(e.getQuantityOnStock()).isEqualTo(1L));
        assertThat(project.requests("POST", "/inventory")).hasSize(1);
        assertThat(reading.statistics().duplicateEntries()).isEqualTo(1);
    }

    @Test
    void shouldAdoptEntryCreatedWithoutCustomFields() {
        final var writer = project.writer(5);
        writer.apply(level("outlet-main", "SKU-0", 1, 1)); // creates the channel
        final String channelId = project.channels("outlet-main").get(0).getId();
        project.direct.inventory().post(InventoryEntryDraft.builder().sku("SKU-1")
                .supplyChannel(ChannelResourceIdentifier.builder().id(channelId).build()).quantityOnStock(3L).build()).executeBlocking();

        assertThat(writer.apply(level("outlet-main", "SKU-1", 3, 2))).isEqualTo(WriteOutcome.UPDATED);
        final InventoryEntry entry = project.entry("SKU-1");
        assertThat(entry.getCustom().getType().getId()).isEqualTo(project.typeId);
        assertThat(sourceVersion(entry)).isEqualTo(2L);
        assertThat(writer.apply(level("outlet-main", "SKU-1", 3, 2))).isEqualTo(WriteOutcome.UNCHANGED);
    }
}
