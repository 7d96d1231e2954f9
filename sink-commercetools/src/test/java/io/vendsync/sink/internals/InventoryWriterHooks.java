package io.vendsync.sink.internals;

import com.commercetools.api.models.inventory.InventoryEntry;
import java.util.function.Consumer;

/** Test access to the writer's package-private hook from other test packages. */
public final class InventoryWriterHooks {

    private InventoryWriterHooks() {
    }

    public static void beforeUpdate(final InventoryWriter writer, final Consumer<InventoryEntry> hook) {
        writer.beforeUpdate(hook);
    }
}
