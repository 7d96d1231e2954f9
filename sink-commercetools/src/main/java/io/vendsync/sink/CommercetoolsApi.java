package io.vendsync.sink;

import com.commercetools.api.client.ProjectApiRoot;
import io.vendsync.sink.internals.CommercetoolsClient;

/** The sink's commercetools client for tools that only read (the reconciliation): same settings, same retry policy. */
public final class CommercetoolsApi {

    private CommercetoolsApi() {
    }

    /** A client for the project in {@code config}, without the integration log (reads only, nothing to audit). */
    public static ProjectApiRoot connect(final SinkConfig config) {
        return CommercetoolsClient.build(config.projectKey(), config.clientId(), config.clientSecret(), config.scopes(),
                config.authUrl(), config.apiUrl(), null);
    }
}
