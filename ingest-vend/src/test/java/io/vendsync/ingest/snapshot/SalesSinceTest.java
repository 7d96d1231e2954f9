package io.vendsync.ingest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.ingest.StubStore;
import io.vendsync.ingest.vend.RateGovernor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where a backfill of sales since a date starts, for search answers the simulator does not give. */
class SalesSinceTest {

    private static final Instant SINCE = Instant.parse("2026-11-01T00:00:00Z");

    /**
     * A sale the search finds without its version could have the lowest version of the period: the backfill reads every
     * sale. Before, such a search read as "no sale since the date", and nothing was read.
     */
    @Test
    void shouldReadEverySaleWhenASaleTheSearchFindsCarriesNoVersion() throws Exception {
        assertThat(floorWhenSearchAnswers("{\"data\":[{\"id\":\"s1\"},{\"id\":\"s2\",\"version\":40}]}")).isEqualTo(SalesSince.EVERY_SALE);
        assertThat(floorWhenSearchAnswers("{\"data\":[{\"id\":\"s1\",\"version\":52},{\"id\":\"s2\",\"version\":40}]}")).isEqualTo(39);
        assertThat(floorWhenSearchAnswers("{\"data\":[]}")).isEqualTo(-1);
    }

    private static long floorWhenSearchAnswers(final String body) throws Exception {
        try (StubStore store = new StubStore(exchange -> {
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }, new RateGovernor(100, Duration.ofMinutes(5), Clock.systemUTC()))) {
            return SalesSince.floor(store.client(), SINCE);
        }
    }
}
