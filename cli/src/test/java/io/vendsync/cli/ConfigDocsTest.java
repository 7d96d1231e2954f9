package io.vendsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

    @Test
    void shouldKeepDocumentedSettingsEqualToTheDeclaredOnes() throws Exception {
        final Path docs = Path.of("..", "docs", "configuration.md");
        assertThat(Files.readString(docs, StandardCharsets.UTF_8))
                .as("docs/configuration.md is stale: regenerate it with ./vendsync config > docs/configuration.md")
                .isEqualTo(ConfigTable.all());
    }

    @Test
    void shouldDocumentEveryRequiredSettingWithItsEnvironmentVariable() {
        assertThat(ConfigTable.all())
                .contains("| `vend.token` | `VENDSYNC_VEND_TOKEN` | password | `(required)` |")
                .contains("| `commercetools.client.secret` | `VENDSYNC_COMMERCETOOLS_CLIENT_SECRET` | password | `(required)` |")
                .contains("| `kafka.bootstrap.servers` | `VENDSYNC_KAFKA_BOOTSTRAP_SERVERS` | string | `(required)` |");
    }
}
