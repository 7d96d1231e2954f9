package io.vendsync.sink.customers;

import com.commercetools.api.models.customer.CustomerUpdateAction;
import java.util.List;
import java.util.Map;

/**
 * The update of one existing customer: the actions (none: nothing to write), what vendsync will have written per path,
 * the paths whose Vend value was not written because commercetools owns them or its online edit was newer, and the
 * Vend-owned paths whose online edit is overwritten.
 */
public record CustomerPlan(List<CustomerUpdateAction> actions, Map<String, String> written, List<String> skippedOverwrites,
                           List<String> onlineEditsOverwritten) {

    public CustomerPlan {
        actions = List.copyOf(actions);
        skippedOverwrites = List.copyOf(skippedOverwrites);
        onlineEditsOverwritten = List.copyOf(onlineEditsOverwritten);
    }
}
