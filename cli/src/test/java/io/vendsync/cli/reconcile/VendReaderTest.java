package io.vendsync.cli.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.ingest.vend.VendPage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VendReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode record(final String id, final long version) {
        return JSON.createObjectNode().put("id", id).put("version", version);
    }

    @Test
    void shouldReadEveryPageWhenVendOmitsVersionMaxAndKeepTheNewestOfARecordReadTwice() throws Exception {
        // Pages without version.max: VendApiClient then reports the 'after' it was asked with as the page's max.
        final List<Long> asked = new ArrayList<>();
        final VendReader reader = new VendReader((entity, after, size) -> {
            asked.add(after);
            if (after == 0) {
                return new VendPage(List.of(record("a", 10), record("b", 20)), after);
            }
            if (after == 20) {
                return new VendPage(List.of(record("c", 30), record("a", 5)), after); // 'a' again from a stale replica
            }
            return new VendPage(List.of(), after);
        }, 2);

        final List<JsonNode> all = reader.readAll("inventory");

        assertThat(all).extracting(r -> r.path("id").asText() + "@" + r.path("version").asLong())
                .containsExactlyInAnyOrder("a@10", "b@20", "c@30");
        assertThat(asked).containsExactly(0L, 20L, 30L);
    }
}
