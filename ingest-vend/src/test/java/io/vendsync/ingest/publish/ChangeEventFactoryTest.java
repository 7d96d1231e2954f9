package io.vendsync.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.schemas.raw.Op;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ChangeEventFactoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ChangeEventFactory factory = new ChangeEventFactory("store", Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC));

    private VendChangeEvent customer(final String deletedAt) throws Exception {
        return factory.create("customers", "raw.vend.customers", JSON.readTree("{\"id\":\"c1\",\"email\":\"c1@example.com\","
                + "\"updated_at\":\"2026-12-01T09:00:00+00:00\",\"deleted_at\":" + deletedAt + ",\"version\":9}"), "poll", false);
    }

    @Test
    void shouldNotTakeABlankDeletedAtForADeletion() throws Exception {
        assertThat(customer("\"\"").value().getOp()).as("a live customer: a delete would erase it in commercetools").isEqualTo(Op.u);
        assertThat(customer("null").value().getOp()).isEqualTo(Op.u);
        assertThat(customer("\"\"").value().getSource().getTsMs()).as("changed at its updated_at")
                .isEqualTo(Instant.parse("2026-12-01T09:00:00Z").toEpochMilli());
    }

    @Test
    void shouldTakeASetDeletedAtForADeletionAtThatTime() throws Exception {
        final VendChangeEvent deleted = customer("\"2026-12-02T08:00:00+00:00\"");
        assertThat(deleted.value().getOp()).isEqualTo(Op.d);
        assertThat(deleted.value().getSource().getTsMs()).isEqualTo(Instant.parse("2026-12-02T08:00:00Z").toEpochMilli());
    }
}
