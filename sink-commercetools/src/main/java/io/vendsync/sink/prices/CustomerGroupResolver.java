package io.vendsync.sink.prices;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.customer_group.CustomerGroup;
import com.commercetools.api.models.customer_group.CustomerGroupChangeNameAction;
import com.commercetools.api.models.customer_group.CustomerGroupDraft;
import com.commercetools.api.models.customer_group.CustomerGroupUpdate;
import io.vendsync.sink.internals.CommercetoolsClient;
import io.vendsync.sink.internals.KeyedResolver;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer group key -> id ({@link KeyedResolver}); a missing group is created with its key as its name. Where Vend's
 * name of the group is known (a customer record carries it; a price scope does not), {@link #resolve(String, String,
 * String)} gives the group that name, and follows a rename.
 */
public final class CustomerGroupResolver extends KeyedResolver {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerGroupResolver.class);

    private final ProjectApiRoot api;
    /** The name each group is known to have, so a name is read and written once, not with every customer. */
    private final Map<String, String> namesByKey = new ConcurrentHashMap<>();

    public CustomerGroupResolver(final ProjectApiRoot api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** The group's id, with the group named {@code name} (Vend's) unless {@code name} is null. */
    public String resolve(final String key, final String name, final String correlationId) {
        final String id = resolve(key, correlationId);
        if (name == null || name.equals(namesByKey.get(key))) {
            return id;
        }
        synchronized (namesByKey) {
            if (!name.equals(namesByKey.get(key))) {
                final CustomerGroup group = CommercetoolsClient.tag(api.customerGroups().withId(id).get(), correlationId, 1)
                        .executeBlocking().getBody();
                if (!name.equals(group.getName())) {
                    CommercetoolsClient.tag(api.customerGroups().withId(id).post(CustomerGroupUpdate.builder().version(group.getVersion())
                            .actions(CustomerGroupChangeNameAction.builder().name(name).build()).build()), correlationId, 1)
                            .executeBlocking();
                    LOG.info("Customer group '{}' ({}) is named '{}', as in Vend", key, id, name);
                }
                namesByKey.put(key, name);
            }
        }
        return id;
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
