package io.vendsync.sink.prices;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.customer_group.CustomerGroup;
import com.commercetools.api.models.customer_group.CustomerGroupDraft;
import io.vendsync.sink.internals.CommercetoolsClient;
import io.vendsync.sink.internals.KeyedResolver;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Customer group key -> id ({@link KeyedResolver}); a missing group is created with its key as its name. */
public final class CustomerGroupResolver extends KeyedResolver {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerGroupResolver.class);

    private final ProjectApiRoot api;

    public CustomerGroupResolver(final ProjectApiRoot api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    protected String find(final String key, final String correlationId) {
        final List<CustomerGroup> found = CommercetoolsClient.tag(api.customerGroups().get()
                        .withWhere("key = :key").withPredicateVar("key", key).withLimit(500), correlationId, 1)
                .executeBlocking().getBody().getResults();
        // The mock ignores `sort`, so pick here.
        return found.stream().min(Comparator.comparing(CustomerGroup::getCreatedAt)).map(CustomerGroup::getId).orElse(null);
    }

    @Override
    protected String create(final String key, final String correlationId) {
        final CustomerGroup created = CommercetoolsClient.tag(api.customerGroups().post(
                        CustomerGroupDraft.builder().key(key).groupName(key).build()), correlationId, 1)
                .executeBlocking().getBody();
        LOG.info("Created customer group '{}' ({})", key, created.getId());
        return created.getId();
    }
}
