package io.vendsync.sink.internals;

import static io.vendsync.sink.internals.MockProject.level;
import static io.vendsync.sink.internals.MockProject.sourceVersion;
import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.inventory.InventoryEntry;
import com.commercetools.api.models.inventory.InventoryEntryChangeQuantityAction;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inventory writer remembers each entry it last read or wrote (sink.inventory.cache.entries), so a trickle of
 * stock changes costs one write each, no read; and the remembered state is never trusted blindly.
 */
class KnownInventoryEntriesTest {

    private MockProject project;

    @BeforeEach
    void setUp() {
        project = new MockProject();
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void shouldWriteAKnownKeyWithoutReadingItAgain() {
        final var writer = project.writer(5);
        writer.apply(level("outlet-main", "SKU-1", 10, 1)); // creates: the answer is remembered
        project.log.clear();

        assertThat(writer.apply(level("outlet-main", "SKU-1", 9, 2))).isEqualTo(WriteOutcome.UPDATED);
        assertThat(writer.apply(level("outlet-main", "SKU-1", 9, 3))).isEqualTo(WriteOutcome.UPDATED);
        assertThat(writer.apply(level("outlet-main", "SKU-1", 4, 4))).isEqualTo(WriteOutcome.UPDATED);

        assertThat(project.requests("GET", "/inventory")).isEmpty();
        assertThat(project.requests("POST", "/inventory/")).extracting(IntegrationLogEntry::getStatus).containsExactly(200, 200, 200);
        // The second write moved only the source version: the remembered quantity was right.
        assertThat(project.requests("POST", "/inventory/").get(1).getRequestBody()).doesNotContain("changeQuantity");
        final InventoryEntry entry = project.entry("SKU-1");
        assertThat(entry.getQuantityOnStock()).isEqualTo(4L);
        assertThat(sourceVersion(entry)).isEqualTo(4L);
        assertThat(writer.statistics().conflictRetries()).isZero();
    }

    @Test
    void shouldRememberAKeyReadOnceAndWriteItsLaterLevelsDirectly() {
        project.writer(5).apply(level("outlet-main", "SKU-1", 10, 1));
        final var restarted = project.writer(5); // remembers nothing yet
        project.log.clear();

        restarted.apply(level("outlet-main", "SKU-1", 8, 2));
        restarted.apply(level("outlet-main", "SKU-1", 7, 3));

        assertThat(project.requests("GET", "/inventory")).hasSize(1);
        assertThat(project.requests("POST", "/inventory/")).hasSize(2);
        assertThat(project.entry("SKU-1").getQuantityOnStock()).isEqualTo(7L);
    }

    @Test
    void shouldRereadAfterAVersionConflictWhenAnotherWriterMovedTheEntry() {
        final var writer = project.writer(5);
        writer.apply(level("outlet-main", "SKU-1", 10, 1));
        // Someone else (a merchant, another tool) changes the entry: the remembered version is now old.
        project.changeBehindTheBack(project.entry("SKU-1"), InventoryEntryChangeQuantityAction.builder().quantity(99L).build());
        project.log.clear();

        assertThat(writer.apply(level("outlet-main", "SKU-1", 10, 2))).isEqualTo(WriteOutcome.UPDATED);

        // Written at the remembered version: 409; then read and rebuilt, so the quantity goes back to Vend's 10.
        assertThat(project.log).extracting(e -> e.getMethod() + " " + e.getStatus())
                .containsExactly("POST 409", "GET 200", "POST 200");
        final InventoryEntry entry = project.entry("SKU-1");
        assertThat(entry.getQuantityOnStock()).isEqualTo(10L);
        assertThat(sourceVersion(entry)).isEqualTo(2L);
        assertThat(writer.statistics().conflictRetries()).isEqualTo(1);

        // What it read and wrote then is remembered again.
        project.log.clear();
        writer.apply(level("outlet-main", "SKU-1", 11, 3));
        assertThat(project.log).extracting(e -> e.getMethod() + " " + e.getStatus()).containsExactly("POST 200");
    }

    /**
     * Two sink replicas in one group: A wrote the key, a rebalance gave its partition to B, which wrote two newer
     * levels but committed neither, then the partition came back to A, which reads both again. A's memory of the key
     * is from before B: the 409 on its remembered version makes it read, so the replay writes nothing and the older
     * record does not regress B's newer one.
     */
    @Test
    void shouldNotTrustTheMemoryOfALostPartitionAfterARebalance() {
        final var replicaA = project.writer(5);
        final var replicaB = project.writer(5);
        replicaA.apply(level("outlet-main", "SKU-1", 10, 1));
        replicaA.apply(level("outlet-main", "SKU-1", 11, 2));
        replicaB.apply(level("outlet-main", "SKU-1", 12, 3));
        replicaB.apply(level("outlet-main", "SKU-1", 13, 4));
        final long versionAfterB = project.entry("SKU-1").getVersion();
        project.log.clear();

        assertThat(replicaA.apply(level("outlet-main", "SKU-1", 12, 3))).isEqualTo(WriteOutcome.SKIPPED_STALE);
        assertThat(project.log).extracting(e -> e.getMethod() + " " + e.getStatus()).containsExactly("POST 409", "GET 200");
        // What it read is remembered: the replayed newest record needs no request at all.
        project.log.clear();
        assertThat(replicaA.apply(level("outlet-main", "SKU-1", 13, 4))).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.log).isEmpty();
        assertThat(project.entry("SKU-1").getVersion()).isEqualTo(versionAfterB);

        // And the next new level is written at once.
        assertThat(replicaA.apply(level("outlet-main", "SKU-1", 14, 5))).isEqualTo(WriteOutcome.UPDATED);
        assertThat(project.log).extracting(e -> e.getMethod() + " " + e.getStatus()).containsExactly("POST 200");
        assertThat(project.entry("SKU-1").getQuantityOnStock()).isEqualTo(14L);
        assertThat(sourceVersion(project.entry("SKU-1"))).isEqualTo(5L);
        assertThat(replicaA.statistics().conflictRetries()).isEqualTo(1);
    }

    @Test
    void shouldSkipAnOlderLevelOfAKnownKeyWithoutAnyRequest() {
        final var writer = project.writer(5);
        writer.apply(level("outlet-main", "SKU-1", 10, 5));
        project.log.clear();

        assertThat(writer.apply(level("outlet-main", "SKU-1", 3, 4))).isEqualTo(WriteOutcome.SKIPPED_STALE);
        assertThat(writer.apply(level("outlet-main", "SKU-1", 10, 5))).isEqualTo(WriteOutcome.UNCHANGED);

        assertThat(project.log).isEmpty();
        assertThat(project.entry("SKU-1").getQuantityOnStock()).isEqualTo(10L);
    }

    @Test
    void shouldCreateTheEntryAgainWhenTheKnownOneWasDeleted() {
        final var writer = project.writer(5);
        writer.apply(level("outlet-main", "SKU-1", 10, 1));
        final InventoryEntry gone = project.entry("SKU-1");
        project.direct.inventory().withId(gone.getId()).delete().withVersion(gone.getVersion()).executeBlocking();
        project.log.clear();

        assertThat(writer.apply(level("outlet-main", "SKU-1", 6, 2))).isEqualTo(WriteOutcome.CREATED);

        assertThat(project.log).extracting(e -> e.getMethod() + " " + e.getStatus()).containsExactly("POST 404", "GET 200", "POST 201");
        assertThat(project.entry("SKU-1").getQuantityOnStock()).isEqualTo(6L);
        assertThat(sourceVersion(project.entry("SKU-1"))).isEqualTo(2L);
    }

    @Test
    void shouldLeaveKnownKeysOutOfTheBatchedRead() {
        final var writer = project.writer(5);
        writer.apply(level("outlet-main", "SKU-KNOWN", 1, 1));
        project.log.clear();

        writer.prefetch(List.of(level("outlet-main", "SKU-KNOWN", 2, 2), level("outlet-main", "SKU-NEW", 1, 1)));
        assertThat(project.requests("GET", "/inventory")).singleElement()
                .satisfies(e -> assertThat(e.getUrl()).contains("SKU-NEW").doesNotContain("SKU-KNOWN"));

        project.log.clear();
        writer.prefetch(List.of(level("outlet-main", "SKU-KNOWN", 3, 3)));
        assertThat(project.log).isEmpty();
    }

    @Test
    void shouldReadBeforeEveryWriteWhenNothingIsRemembered() {
        final var writer = project.writer(5, 0);
        writer.apply(level("outlet-main", "SKU-1", 10, 1));
        project.log.clear();

        writer.apply(level("outlet-main", "SKU-1", 9, 2));
        writer.apply(level("outlet-main", "SKU-1", 8, 3));

        assertThat(project.requests("GET", "/inventory")).hasSize(2);
        assertThat(project.requests("POST", "/inventory/")).hasSize(2);
    }
}
