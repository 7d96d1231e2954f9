package io.vendsync.sink.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.client.ProjectApiRoot;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommercetoolsClientTest {

    /**
     * The SDK sends configured scopes in the token request's form body; the mock reads scope from the query
     * string only and then issues a token with a placeholder scope. Project routes still accept it.
     */
    @Test
    void shouldAuthenticateAgainstTheMockWithAndWithoutScopes() {
        final CommercetoolsMock mock = CommercetoolsMock.shared().withUniqueProjectKey();
        for (final List<String> scopes : List.of(List.<String>of(),
                List.of("manage_inventory:" + mock.projectKey(), "manage_channels:" + mock.projectKey()))) {
            try (ProjectApiRoot api = CommercetoolsClient.build(mock.projectKey(), mock.clientId(), mock.clientSecret(), scopes,
                    mock.authUrl(), mock.apiUrl(), null)) {
                assertThat(api.channels().get().executeBlocking().getStatusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void shouldStripInternalHeadersAndLogTheAttempt() {
        final CommercetoolsMock mock = CommercetoolsMock.shared().withUniqueProjectKey();
        final java.util.List<io.vendsync.schemas.ops.IntegrationLogEntry> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.List<String> seenHeaders = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ProjectApiRoot api = com.commercetools.api.defaultconfig.ApiRootBuilder.of()
                .defaultClient(io.vrap.rmf.base.client.oauth2.ClientCredentials.of().withClientId("a").withClientSecret("b").build(),
                        mock.authUrl(), mock.apiUrl())
                // addMiddleware(inner, outer): the spy runs after (inside) the integration-log middleware.
                .addMiddleware((request, next) -> {
                    seenHeaders.add("(called)");
                    request.getHeaders().getHeaders().forEach(h -> seenHeaders.add(h.getKey()));
                    return next.apply(request);
                }, new IntegrationLogMiddleware((k, e) -> log.add(e), 100))
                .build(mock.projectKey())) {
            CommercetoolsClient.tag(api.channels().get(), "c/s@1", 3).executeBlocking();
        }
        assertThat(seenHeaders).contains("(called)").noneMatch(h -> h.startsWith("X-Vendsync"));
        assertThat(log).singleElement().satisfies(e -> {
            assertThat(e.getCorrelationId()).isEqualTo("c/s@1");
            assertThat(e.getAttempt()).isEqualTo(3);
            assertThat(e.getMethod()).isEqualTo("GET");
            assertThat(e.getStatus()).isEqualTo(200);
            assertThat(e.getUrl()).isEqualTo(mock.apiUrl() + "/" + mock.projectKey() + "/channels");
            assertThat(e.getResponseBody()).contains("\"results\"");
        });
    }
}
