package io.vendsync.sink.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IntegrationLogMiddlewareTest {

    @Test
    void shouldTruncateBodiesToTheConfiguredBytesWithoutSplittingCharacters() {
        final IntegrationLogMiddleware middleware = new IntegrationLogMiddleware(IntegrationLog.NONE, 5);
        assertThat(middleware.truncate("abcdefgh".getBytes(StandardCharsets.UTF_8))).isEqualTo("abcde");
        assertThat(middleware.truncate("abcd\u00e9".getBytes(StandardCharsets.UTF_8))).isEqualTo("abcd"); // é is 2 bytes
        assertThat(middleware.truncate("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo("abc");
        assertThat(middleware.truncate(new byte[0])).isNull();
        assertThat(middleware.truncate(null)).isNull();
        assertThat(new IntegrationLogMiddleware(IntegrationLog.NONE, 0).truncate("abc".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
