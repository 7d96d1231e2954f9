package io.vendsync.mapper;

import io.vendsync.mapper.customers.CustomerMappingTopology;
import io.vendsync.mapper.identity.IdentityTopology;
import io.vendsync.mapper.inventory.InventoryMappingTopology;
import io.vendsync.mapper.orders.OrderMappingTopology;
import io.vendsync.mapper.prices.PriceMappingTopology;
import io.vendsync.mapper.products.ProductMappingTopology;

import io.vendsync.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * The mapper's topologies, each run by {@link MapperApp} as its own Kafka Streams application, so one can be
 * reset, rebalanced or fail on its own. The {@value #INVENTORY} topology keeps {@code application.id} as it is
 * (its state and internal topics are deployed under it); every other one runs as {@code <application.id>-<name>}
 * with its state under {@code <state.dir>/<name>}.
 */
public final class MapperTopologies {

    /** Adds one topology to the builder, e.g. {@code InventoryMappingTopology::build}. */
    @FunctionalInterface
    public interface BuildFunction {
        void build(StreamsBuilder builder, Topics topics, MapperConfig config);
    }

    /**
     * One registered topology, with the Kafka Streams settings it runs with unless the operator sets them
     * ({@code kafka.client.<setting>}).
     */
    public record Registration(String name, BuildFunction build, Map<String, Object> streamsDefaults) {
        public Registration {
            Objects.requireNonNull(build, "build");
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a topology name is lower-case letters, digits and '-', not '" + name + "'");
            }
            streamsDefaults = Map.copyOf(streamsDefaults);
        }
    }

    /** The topology that runs under {@code application.id} itself. */
    public static final String INVENTORY = "inventory";
    /** The product mapper's topology. */
    public static final String PRODUCTS = "products";
    /** The price mapper's topology. */
    public static final String PRICES = "prices";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final List<Registration> registrations;

    private MapperTopologies(final List<Registration> registrations) {
        this.registrations = List.copyOf(registrations);
    }

    /** The production topologies: ONE line each. */
    public static MapperTopologies production() {
        return builder()
                .add("identity", IdentityTopology::build)
                .add(INVENTORY, InventoryMappingTopology::build)
                .add(PRODUCTS, ProductMappingTopology::build)
                .add(PRICES, PriceMappingTopology::build, PriceMappingTopology.STREAMS_DEFAULTS)
                .add("customers", CustomerMappingTopology::build)
                .add("orders", OrderMappingTopology::build)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Registration> registrations() {
        return registrations;
    }

    /** The registration named {@code name}. */
    public Registration registration(final String name) {
        return registrations.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topology " + name + " is registered"));
    }

    /** The Kafka Streams application id of a registered topology. */
    public static String applicationId(final MapperConfig config, final String name) {
        final String base = config.getString(MapperConfig.APPLICATION_ID);
        return INVENTORY.equals(name) ? base : base + "-" + name;
    }

    /** Collects registrations; a name registered twice is refused. */
    public static final class Builder {

        private final List<Registration> registrations = new ArrayList<>();

        private Builder() {
        }

        public Builder add(final String name, final BuildFunction build) {
            return add(name, build, Map.of());
        }

        /** A topology with Kafka Streams settings of its own, which the operator's {@code kafka.client.*} settings override. */
        public Builder add(final String name, final BuildFunction build, final Map<String, Object> streamsDefaults) {
            final Registration registration = new Registration(name, build, streamsDefaults);
            if (registrations.stream().anyMatch(r -> r.name().equals(name))) {
                throw new IllegalArgumentException("topology " + name + " is already registered");
            }
            registrations.add(registration);
            return this;
        }

        public MapperTopologies build() {
            if (registrations.isEmpty()) {
                throw new IllegalArgumentException("the mapper needs at least one topology");
            }
            return new MapperTopologies(registrations);
        }
    }
}
