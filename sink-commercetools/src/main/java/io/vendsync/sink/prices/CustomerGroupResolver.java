package io.vendsync.sink.prices;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.customer_group.CustomerGroup;
import com.commercetools.api.models.customer_group.CustomerGroupDraft;
import io.vendsync.sink.internals.CommercetoolsClient;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer group key -> id, cached for the life of the sink; a missing group is created (name = key), as the channel
 * resolver does for channels. Query-before-create under a lock, so one resolver never creates a key twice; the mock does
 * not enforce key uniqueness, so after a lost race the oldest group with the key wins.
 */
public final class CustomerGroupResolver {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerGroupResolver.class);

    private final ProjectApiRoot api;
    private final Map<String, String> idsByKey = new ConcurrentHashMap<>();

    public CustomerGroupResolver(final ProjectApiRoot api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    public String resolve(final String key, final String correlationId) {
        final String cached = idsByKey.get(key);
        if (cached != null) {
            return cached;
        }
        synchronized (this) {
            final String again = idsByKey.get(key);
            if (again != null) {
                return again;
            }
            final List<CustomerGroup> found = CommercetoolsClient.tag(api.customerGroups().get()
                            .withWhere("key = :key").withPredicateVar("key", key).withLimit(500), correlationId, 1)
                    .executeBlocking().getBody().getResults();
            final String id;
            if (found.isEmpty()) {
                final CustomerGroup created = CommercetoolsClient.tag(api.customerGroups().post(
                                CustomerGroupDraft.builder().key(key).groupName(key).build()), correlationId, 1)
                        .executeBlocking().getBody();
                LOG.info("Created customer group '{}' ({})", key, created.getId());
                id = created.getId();
            } else {
                // The mock ignores `sort`, so pick here.
                id = found.stream().min(Comparator.comparing(CustomerGroup::getCreatedAt)).map(CustomerGroup::getId).orElseThrow();
            }
            idsByKey.put(key, id);
            return id;
        }
    }
}
