package io.vendsync.mapper.customers;

import io.vendsync.mapper.MapperConfig;
import io.vendsync.schemas.Topics;

/** The customer mapper's settings, read once from the config. */
public record CustomerSettings(String keyPrefix, String groupKeyPrefix, DuplicateEmailPolicy duplicatePolicy,
                               MissingEmailPolicy missingPolicy, String placeholderDomain, String rawTopic, String linkTopic) {

    public static CustomerSettings of(final MapperConfig config, final Topics topics) {
        return new CustomerSettings(config.customerKeyPrefix(), config.customerGroupKeyPrefix(), config.customerEmailDuplicatePolicy(),
                config.customerEmailMissingPolicy(), config.customerEmailPlaceholderDomain(), topics.raw("customers").name(),
                topics.customerLinkOverrides.name());
    }
}
