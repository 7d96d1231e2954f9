package io.vendsync.sink.internals;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.channel.Channel;
import com.commercetools.api.models.channel.ChannelDraft;
import com.commercetools.api.models.channel.ChannelRoleEnum;
import com.commercetools.api.models.common.LocalizedString;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supply channel key -> id ({@link KeyedResolver}). A missing channel is created with the roles
 * {@code InventorySupply} and {@code ProductDistribution}.
 */
public final class ChannelResolver extends KeyedResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelResolver.class);

    private final ProjectApiRoot api;

    public ChannelResolver(final ProjectApiRoot api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    protected String find(final String key, final String correlationId) {
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

    @Override
    protected String create(final String key, final String correlationId) {
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
