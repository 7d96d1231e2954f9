package io.vendsync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.sink.SinkStatistics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {

    @Test
    void shouldTabulateEachResourceWithTotalsValidationReportsAndTheTimeEachPhaseTook() {
        final SinkStatistics inventory = new SinkStatistics();
        inventory.incrementCreated();
        inventory.incrementCreated();
        inventory.incrementUpdated();
        final SinkStatistics catalog = new SinkStatistics("catalog records");
        final SinkStatistics product = catalog.resource("product");
        product.incrementCreated();
        product.incrementUnchanged();
        product.incrementFailed();
        final Map<String, SinkStatistics> resources = new LinkedHashMap<>();
        resources.put("inventory", inventory);
        resources.put("product", product);

        final String table = DemoSummary.render(resources, Map.of("CUSTOMER_EMAIL_MISSING", 1L, "CUSTOMER_EMAIL_DUPLICATE", 2L),
                List.of(new DemoSummary.Phase("initial snapshot", Duration.ofMillis(12_340), true),
                        new DemoSummary.Phase("orders", Duration.ofSeconds(180), false)),
                Duration.ofMillis(200_000));

        assertThat(table).containsPattern("inventory +2 +1 +0 +0 +0\n")
                .containsPattern("product +1 +0 +1 +0 +1\n")
                .containsPattern("total +3 +1 +1 +0 +1\n")
                .contains("Reported by the mappers on errors.validation: 3 (CUSTOMER_EMAIL_DUPLICATE 2, CUSTOMER_EMAIL_MISSING 1)")
                .containsPattern("initial snapshot +12\\.3 s\n")
                .containsPattern("orders +180\\.0 s  did NOT converge\n")
                .containsPattern("total, from start +200\\.0 s\n");
    }
}
