package io.vendsync.cli.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcileOptionsTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldCompareTheWholeStoreWithNoToleranceByDefault() {
        final ReconcileOptions options = ReconcileOptions.parse(List.of(), NOON);
        assertThat(options.since()).isNull();
        assertThat(options.maxMismatches()).isZero();
        assertThat(options.rateShare()).isEqualTo(ReconcileOptions.DEFAULT_RATE_SHARE);
        assertThat(options.out()).isEqualTo(ReconcileOptions.DEFAULT_OUT);
        assertThat(options.keep()).as("only the latest report").isZero();
    }

    @Test
    void shouldReadSinceAsAnInstantOrASpanBackFromNow() {
        assertThat(ReconcileOptions.parse(List.of("--since", "24h"), NOON).since()).isEqualTo(Instant.parse("2026-12-02T12:00:00Z"));
        assertThat(ReconcileOptions.parse(List.of("--since", "90m"), NOON).since()).isEqualTo(Instant.parse("2026-12-03T10:30:00Z"));
        assertThat(ReconcileOptions.parse(List.of("--since", "7d"), NOON).since()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
        assertThat(ReconcileOptions.parse(List.of("--since", "2026-12-01T00:00:00Z", "--out", "r", "--max-mismatches", "3",
                "--rate-share", "0.05", "--keep", "30"), NOON)).isEqualTo(new ReconcileOptions(null,
                Instant.parse("2026-12-01T00:00:00Z"), 3, Path.of("r"), 0.05, 30));
    }

    @Test
    void shouldRefuseValuesThatWouldMisleadTheRun() {
        assertThatThrownBy(() -> ReconcileOptions.parse(List.of("--since", "yesterday"), NOON)).hasMessageContaining("--since");
        assertThatThrownBy(() -> ReconcileOptions.parse(List.of("--max-mismatches", "-1"), NOON)).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> ReconcileOptions.parse(List.of("--keep", "-1"), NOON)).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> ReconcileOptions.parse(List.of("--rate-share", "1.5"), NOON)).hasMessageContaining("at most 1");
        assertThatThrownBy(() -> ReconcileOptions.parse(List.of("--rate-share"), NOON)).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ReconcileOptions.parse(List.of("--areas", "x"), NOON)).hasMessageContaining("Unknown option");
    }
}
