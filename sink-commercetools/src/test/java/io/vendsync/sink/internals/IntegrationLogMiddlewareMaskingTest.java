package io.vendsync.sink.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.runtime.logging.PayloadMasker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntegrationLogMiddlewareMaskingTest {

    @Test
    void shouldMaskPersonalDataBeforeCuttingTheLoggedBody() {
        final IntegrationLogMiddleware middleware = new IntegrationLogMiddleware(IntegrationLog.NONE, 60,
                new PayloadMasker(List.of("email")));
        final String logged = middleware.truncate(
                "{\"email\":\"jane.doe@example.com\",\"key\":\"c-1\",\"addresses\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThat(logged).doesNotContain("jane").contains("\"email\":\"***\"").contains("\"key\":\"c-1\"");
    }

    @Test
    void shouldMaskACustomerDraftsPersonalFieldsWithTheDefaultSettings() {
        final java.util.Map<String, String> settings = new java.util.HashMap<>();
        settings.put(io.vendsync.sink.SinkConfig.CT_PROJECT_KEY, "p");
        settings.put(io.vendsync.sink.SinkConfig.CT_CLIENT_ID, "c");
        settings.put(io.vendsync.sink.SinkConfig.CT_CLIENT_SECRET, "s");
        settings.put(io.vendsync.sink.SinkConfig.CT_AUTH_URL, "http://localhost/oauth/token");
        settings.put(io.vendsync.sink.SinkConfig.CT_API_URL, "http://localhost");
        settings.put(io.vendsync.runtime.CommonConfig.BOOTSTRAP_SERVERS, "unused:9092");
        final IntegrationLogMiddleware middleware = new IntegrationLogMiddleware(IntegrationLog.NONE, 4096,
                io.vendsync.runtime.CommonConfig.payloadMasker(new io.vendsync.sink.SinkConfig(settings)));
        final String logged = middleware.truncate(("{\"key\":\"vend-customer-1\",\"email\":\"jane.doe@example.com\","
                + "\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"dateOfBirth\":\"1990-02-03\",\"addresses\":[{\"key\":"
                + "\"vend-physical\",\"streetName\":\"1 Queen St\",\"phone\":\"+64 9 555 0100\",\"country\":\"NZ\"}],"
                + "\"custom\":{\"fields\":{\"vendsyncLastWritten\":\"{\\\"firstName\\\":\\\"Jane\\\"}\"}}}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(logged).doesNotContain("jane", "Jane", "Doe", "1990", "Queen", "555").contains("vend-customer-1", "NZ");
    }
}
