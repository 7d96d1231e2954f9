package io.vendsync.mapper.vend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vendsync.mapper.TopologyFixture;
import io.vendsync.schemas.raw.Op;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The stock change is read field by field ({@link VendEnvelope#after(io.vendsync.schemas.raw.VendChange, Set)}) rather
 * than as a whole tree: what it reads must be what the tree reader reads, and what it refuses, the tree reader refuses.
 */
class VendEnvelopeTest {

    private static final Set<String> FIELDS = Set.of("id", "inventory_level", "version", "deleted_at", "nested");

    private static com.fasterxml.jackson.databind.JsonNode fields(final String after) throws InvalidPayloadException {
        return VendEnvelope.after(TopologyFixture.change(Op.u, "inventory", after, 3, 1), FIELDS);
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(final String after) throws InvalidPayloadException {
        return VendEnvelope.after(TopologyFixture.change(Op.u, "inventory", after, 3, 1));
    }

    @Test
    void shouldReadTheNamedFieldsAsTheTreeReaderDoes() throws InvalidPayloadException {
        final String after = "{\"id\":\"i1\",\"skipped\":{\"deep\":[1,{\"x\":null}]},\"inventory_level\":\"12\",\"version\":"
                + "9007199254740993,\"deleted_at\":null,\"nested\":{\"a\":[1.5,true]},\"other\":[\"x\"],\"big\":123456789012345678901234}";
        final com.fasterxml.jackson.databind.JsonNode tree = tree(after);
        final com.fasterxml.jackson.databind.JsonNode fields = fields(after);

        for (final String field : FIELDS) {
            assertThat(fields.get(field)).as(field).isEqualTo(tree.get(field));
        }
        assertThat(fields.has("skipped")).isFalse();
        assertThat(VendEnvelope.version(null, fields)).isEqualTo(9007199254740993L);
        assertThat(VendEnvelope.wholeNumber(fields.get("inventory_level"), "inventory_level")).isEqualTo(12);
    }

    @Test
    void shouldReadNumbersOfEverySizeAsTheTreeReaderDoes() throws InvalidPayloadException {
        for (final String level : new String[] {"7", "-3", "4000000000", "12345678901234567890123", "2.0", "2.5", "1e3"}) {
            final String after = "{\"id\":\"i1\",\"inventory_level\":" + level + "}";
            assertThat(fields(after).get("inventory_level")).as(level).isEqualTo(tree(after).get("inventory_level"));
        }
    }

    @Test
    void shouldRoundAFractionalStockLevelDownToWholeUnits() throws InvalidPayloadException {
        final String[][] read = {{"7", "7"}, {"2.75", "2"}, {"-2.5", "-3"}, {"\"3.9\"", "3"}, {"1e3", "1000"}, {"0.4", "0"}};
        for (final String[] number : read) {
            final String after = "{\"id\":\"i1\",\"inventory_level\":" + number[0] + "}";
            assertThat(VendEnvelope.wholeUnits(fields(after).get("inventory_level"), "inventory_level")).as(number[0])
                    .isEqualTo(Long.parseLong(number[1]));
        }
        for (final String number : new String[] {"9223372036854775808", "\"x\"", "true"}) {
            final String after = "{\"id\":\"i1\",\"inventory_level\":" + number + "}";
            assertThatThrownBy(() -> VendEnvelope.wholeUnits(fields(after).get("inventory_level"), "inventory_level")).as(number)
                    .isInstanceOf(InvalidPayloadException.class);
        }
    }

    /** Integral numbers that fit a long are read directly; the rest (and text) by their decimal value, as before. */
    @Test
    void shouldReadWholeNumbersExactlyAndRefuseFractionsAndNumbersOutOfRange() throws InvalidPayloadException {
        final String[][] read = {{"7", "7"}, {"-5", "-5"}, {"4000000000", "4000000000"}, {"9223372036854775807", "9223372036854775807"},
                {"-9223372036854775808", "-9223372036854775808"}, {"3.0", "3"}, {"1e3", "1000"}, {"\" 12 \"", "12"}};
        for (final String[] number : read) {
            final String after = "{\"id\":\"i1\",\"inventory_level\":" + number[0] + "}";
            assertThat(VendEnvelope.wholeNumber(fields(after).get("inventory_level"), "inventory_level")).as(number[0])
                    .isEqualTo(Long.parseLong(number[1]));
        }
        for (final String number : new String[] {"9223372036854775808", "-9223372036854775809", "2.5", "\"2.5\"", "\"x\"", "true"}) {
            final String after = "{\"id\":\"i1\",\"inventory_level\":" + number + "}";
            assertThatThrownBy(() -> VendEnvelope.wholeNumber(fields(after).get("inventory_level"), "inventory_level")).as(number)
                    .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("inventory_level");
        }
    }

    @Test
    void shouldRefuseWhatTheTreeReaderRefuses() {
        for (final String after : new String[] {"{\"id\":\"i1\",\"inventory_level\":", "{\"id\":\"i1\",\"x\":{\"y\":[1,2}",
                "[1,2]", "\"text\"", "{\"id\" \"i1\"}", "{\"id\":tru}"}) {
            assertThatThrownBy(() -> tree(after)).as("tree: " + after).isInstanceOf(InvalidPayloadException.class);
            assertThatThrownBy(() -> fields(after)).as("fields: " + after).isInstanceOf(InvalidPayloadException.class);
        }
    }

    @Test
    void shouldReadADeleteWithoutAnObjectAsNone() throws InvalidPayloadException {
        assertThat(VendEnvelope.after(TopologyFixture.change(Op.d, "inventory", null, 3, 1), FIELDS)).isNull();
        assertThatThrownBy(() -> VendEnvelope.after(TopologyFixture.change(Op.u, "inventory", null, 3, 1), FIELDS))
                .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("'after' is null");
    }
}
