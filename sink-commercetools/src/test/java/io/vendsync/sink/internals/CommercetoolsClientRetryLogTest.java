package io.vendsync.sink.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.client.ProjectApiRoot;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.fault.FaultProxy;
import io.vendsync.testkit.fault.FaultRule;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every attempt the SDK makes, its own retries of 5xx included, reaches the integration log (found by the fault suite). */
class CommercetoolsClientRetryLogTest {

    @Test
    void shouldLogEverySdkRetryOfAServerErrorAsItsOwnExchange() {
        final CommercetoolsMock mock = CommercetoolsMock.shared().withUniqueProjectKey();
        final List<IntegrationLogEntry> log = new CopyOnWriteArrayList<>();
        try (FaultProxy proxy = FaultProxy.start(mock.apiUrl());
             ProjectApiRoot api = CommercetoolsClient.build(mock.projectKey(), mock.clientId(), mock.clientSecret(), List.of(),
                     mock.authUrl(), proxy.url(), new IntegrationLogMiddleware((key, entry) -> log.add(entry), 100))) {
            final FaultRule unavailable = proxy.inject(FaultRule.status(503).times(2));
            assertThat(CommercetoolsClient.tag(api.channels().get(), "c/s@1", 1).executeBlocking().getStatusCode()).isEqualTo(200);
            assertThat(unavailable.hits()).isEqualTo(2);
        }
        assertThat(log).extracting(IntegrationLogEntry::getStatus).containsExactly(503, 503, 200);
        assertThat(log).allSatisfy(e -> assertThat(e.getCorrelationId()).isEqualTo("c/s@1"));
    }
}
