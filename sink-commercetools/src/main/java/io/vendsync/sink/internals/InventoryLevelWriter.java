package io.vendsync.sink.internals;

import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.sink.FailureHeaders;
import java.util.Objects;

/**
 * The {@link InventoryWriter} seen as a {@link CanonicalWriter}, so inventory goes through the same
 * {@link RecordProcessor} as the catalog topics. An adapter rather than an {@code implements}: the writer's
 * static {@code correlationId(InventoryLevel)} has the interface method's signature.
 */
public final class InventoryLevelWriter implements CanonicalWriter<InventoryLevel> {

    private final InventoryWriter writer;

    public InventoryLevelWriter(final InventoryWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public String entity() {
        return FailureHeaders.ENTITY_INVENTORY;
    }

    @Override
    public WriteOutcome apply(final InventoryLevel record) {
        return writer.apply(record);
    }

    @Override
    public long sourceVersion(final InventoryLevel record) {
        return record.getSourceVersion();
    }

    @Override
    public String correlationId(final InventoryLevel record) {
        return InventoryWriter.correlationId(record);
    }
}
