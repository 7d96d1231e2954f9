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
}
