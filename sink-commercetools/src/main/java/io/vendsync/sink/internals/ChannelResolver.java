package io.vendsync.sink.internals;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.channel.Channel;
import com.commercetools.api.models.channel.ChannelDraft;
import com.commercetools.api.models.channel.ChannelRoleEnum;
import com.commercetools.api.models.common.LocalizedString;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supply channel key -> id, cached for the life of the sink. A missing channel is created with the roles
 * {@code InventorySupply} and {@code ProductDistribution}. Query-before-create plus the cache (and the
 * lock) make sure one resolver never creates a key twice; the real API also rejects a duplicate key, the
 * mock does not, so after a lost race the oldest channel with the key wins.
 */
public final class ChannelResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelResolver.class);

    private final ProjectApiRoot api;
    private final Map<String, String> idsByKey = new ConcurrentHashMap<>();

    public ChannelResolver(final ProjectApiRoot api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** The id of the channel with this key, created when missing. */
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
            String id = find(key, correlationId);
            if (id == null) {
                id = create(key, correlationId);
            }
            idsByKey.put(key, id);
            return id;
        }
    }

    /** Channels resolved so far (key -> id). */
    public Map<String, String> cached() {
        return Map.copyOf(idsByKey);
    }

    private String find(final String key, final String correlationId) {
        final List<Channel> found = CommercetoolsClient.tag(api.channels().get()
                        .withWhere("key = :key").withPredicateVar("key", key).withLimit(500), correlationId, 1)
                .executeBlocking().getBody().getResults();
        if (found.isEmpty()) {
            return null;
        }
        if (found.size() > 1) {
            LOG.warn("{} channels have the key '{}'; using the oldest", found.size(), key);
        }
        // The mock ignores `sort`, so pick here.
        return found.stream().min(Comparator.comparing(Channel::getCreatedAt)).map(Channel::getId).orElseThrow();
    }

    private String create(final String key, final String correlationId) {
        final ChannelDraft draft = ChannelDraft.builder()
                .key(key)
                .roles(ChannelRoleEnum.INVENTORY_SUPPLY, ChannelRoleEnum.PRODUCT_DISTRIBUTION)
                .name(LocalizedString.ofEnglish(key))
                .build();
        final Channel channel = CommercetoolsClient.tag(api.channels().post(draft), correlationId, 1).executeBlocking().getBody();
        LOG.info("Created supply channel '{}' ({})", key, channel.getId());
        return channel.getId();
    }
}
