package io.vendsync.sink.internals;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.defaultconfig.ApiRootBuilder;
import io.vrap.rmf.base.client.ApiMethod;
import io.vrap.rmf.base.client.oauth2.ClientCredentials;
import io.vrap.rmf.base.client.oauth2.ClientCredentialsBuilder;
import java.util.List;

/** Builds the sink's {@link ProjectApiRoot} and tags requests for the integration log. */
public final class CommercetoolsClient {

    static final int RETRIES = 3;

    private CommercetoolsClient() {
    }

    /**
     * A client-credentials client for any host (the real API or the local mock), with the integration-log
     * middleware. The first build in a JVM takes several seconds (SDK class loading); build once and share.
     *
     * @param scopes scopes to request; empty lets the auth server grant the client's own scopes
     */
    public static ProjectApiRoot build(final String projectKey, final String clientId, final String clientSecret,
                                       final List<String> scopes, final String authUrl, final String apiUrl,
                                       final IntegrationLogMiddleware integrationLog) {
        final ClientCredentialsBuilder credentials = ClientCredentials.of().withClientId(clientId).withClientSecret(clientSecret);
        if (scopes != null && !scopes.isEmpty()) {
            credentials.withScopes(String.join(" ", scopes));
        }
        // 5xx and 503 answers are retried by the SDK (as commercetools-sync-java does); 409s are the writer's job.
        ApiRootBuilder builder = ApiRootBuilder.of().defaultClient(credentials.build(), authUrl, apiUrl)
                .withPolicies(p -> p.withRetry(r -> r.maxRetries(RETRIES).initialDelay(200).maxDelay(5_000)
                        .statusCodes(List.of(500, 502, 503, 504))));
        if (integrationLog != null) {
            // The telemetry slot is the innermost middleware, inside the retry policy: each attempt the SDK makes is logged,
            // not only the last one (a user middleware added with addMiddleware would wrap the retries and see one outcome).
            builder = builder.withTelemetryMiddleware(integrationLog);
        }
        return builder.build(projectKey);
    }

    /** Adds the correlation id and attempt the integration-log middleware reads (and strips before sending). */
    public static <T extends ApiMethod<T, ?>> T tag(final T method, final String correlationId, final int attempt) {
        T tagged = method.withHeader(IntegrationLogMiddleware.ATTEMPT_HEADER, Integer.toString(attempt));
        if (correlationId != null) {
            tagged = tagged.withHeader(IntegrationLogMiddleware.CORRELATION_HEADER, correlationId);
        }
        return tagged;
    }
}
