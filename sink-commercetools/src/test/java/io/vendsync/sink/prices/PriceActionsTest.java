package io.vendsync.sink.prices;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.product.ProductAddPriceAction;
import com.commercetools.api.models.product.ProductUpdateAction;
import io.vendsync.schemas.canonical.v1.ScopedPrice;
import io.vendsync.sink.write.WriterTemplate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceActionsTest {

    private static DesiredPrice desired(final int i) {
        return new DesiredPrice(ScopedPrice.newBuilder().setPriceKey("pb-" + i + "-NZD").setCurrency("NZD").setCentAmount(100 + i)
                .setFractionDigits(2).setCountry(null).setChannelKey(null).setCustomerGroupKey(null).setValidFromMs((long) i * 1000)
                .setValidUntilMs((long) i * 1000 + 500).setTaxIncluded(true).setSource("price_book:" + i).build(), null, null);
    }

    @Test
    void shouldSplitActionsIntoRequestsOfAtMost500() {
        final List<DesiredPrice> prices = new ArrayList<>();
        for (int i = 0; i < 1_201; i++) {
            prices.add(desired(i));
        }
        final List<ProductUpdateAction> actions = PriceActions.diff("SKU-1", List.of(), prices);

        final List<List<ProductUpdateAction>> chunks = WriterTemplate.chunks(actions, WriterTemplate.MAX_ACTIONS_PER_REQUEST);

        assertThat(actions).hasSize(1_201).allSatisfy(a -> assertThat(a).isInstanceOf(ProductAddPriceAction.class));
        assertThat(chunks).extracting(List::size).containsExactly(500, 500, 201);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(actions);
    }

    @Test
    void shouldNeverSendTheLastActionAloneWhenTheOthersFillTheirRequests() {
        // 500 price changes and the publish that makes them live: alone in a request, the publish would be lost to a 409
        // there, since the rebuilt diff of prices already written is empty and brings no publish.
        assertThat(WriterTemplate.chunks(numbers(501), 500)).extracting(List::size).containsExactly(499, 2);
        assertThat(WriterTemplate.chunks(numbers(1_001), 500)).extracting(List::size).containsExactly(500, 499, 2);
        assertThat(WriterTemplate.chunks(numbers(500), 500)).extracting(List::size).containsExactly(500);
        assertThat(WriterTemplate.chunks(numbers(1), 500)).extracting(List::size).containsExactly(1);
        assertThat(WriterTemplate.chunks(numbers(3), 1)).extracting(List::size).containsExactly(1, 1, 1);
        assertThat(WriterTemplate.chunks(numbers(1_001), 500).stream().flatMap(List::stream).toList()).isEqualTo(numbers(1_001));
    }

    private static List<Integer> numbers(final int count) {
        final List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    @Test
    void shouldGiveNoActionsAndNoChunksWhenNothingDiffers() {
        assertThat(PriceActions.diff("SKU-1", List.of(), List.of())).isEmpty();
    }
}
