package io.vendsync.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderRedactionTest {

    @Test
    void shouldReplaceCredentialsAndKeepWhatOperatorsNeed() {
        final Map<String, String> safe = HeaderRedaction.redact(Map.of(
                "Authorization", "Bearer abc123", "X-Signature", "signature=xyz,algorithm=HMAC-SHA256",
                "Cookie", "s=1", "X-Refresh-Token", "r", "X-RateLimit-Remaining", "41",
                "Retry-After", "Wed, 15 Jul 2020 15:04:05 GMT", "Content-Type", "application/json"));
        assertThat(safe.toString()).doesNotContain("abc123").doesNotContain("xyz").doesNotContain("s=1");
        assertThat(safe).containsEntry("authorization", HeaderRedaction.REDACTED)
                .containsEntry("X-Refresh-Token", HeaderRedaction.REDACTED)
                .containsEntry("X-RateLimit-Remaining", "41")
                .containsEntry("Retry-After", "Wed, 15 Jul 2020 15:04:05 GMT")
                .containsEntry("content-type", "application/json");
    }
}
