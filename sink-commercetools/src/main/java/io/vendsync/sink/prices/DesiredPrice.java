package io.vendsync.sink.prices;

import com.commercetools.api.models.channel.ChannelResourceIdentifier;
import com.commercetools.api.models.common.CentPrecisionMoneyDraft;
import com.commercetools.api.models.common.HighPrecisionMoneyDraft;
import com.commercetools.api.models.common.Money;
import com.commercetools.api.models.common.PriceDraft;
import com.commercetools.api.models.common.PriceTierDraft;
import com.commercetools.api.models.customer_group.CustomerGroupResourceIdentifier;
import io.vendsync.schemas.canonical.v1.PriceTier;
import io.vendsync.schemas.canonical.v1.ScopedPrice;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Currency;
import java.util.Objects;

/**
 * One price a variant should have, with its channel and customer group resolved to ids (current prices carry ids, so the
 * diff compares ids). Drafts reference them by key, except {@link #draftById()}.
 */
public record DesiredPrice(ScopedPrice price, String channelId, String customerGroupId) {

    public DesiredPrice {
        Objects.requireNonNull(price, "price");
    }

    public String key() {
        return price.getPriceKey();
    }

    public BigDecimal amount() {
        return BigDecimal.valueOf(price.getCentAmount(), price.getFractionDigits());
    }

    public ZonedDateTime validFrom() {
        return time(price.getValidFromMs());
    }

    public ZonedDateTime validUntil() {
        return time(price.getValidUntilMs());
    }

    /** The draft for addPrice: channel and customer group by key. */
    public PriceDraft draft() {
        return draft(false);
    }

    /**
     * The draft for changePrice: channel and customer group by id. The mock stores a changePrice draft as given, without
     * resolving key references (its addPrice does resolve them); ids are valid on the real API too.
     */
    public PriceDraft draftById() {
        return draft(true);
    }

    private PriceDraft draft(final boolean byId) {
        return PriceDraft.builder()
                .key(price.getPriceKey())
                .value(money())
                .country(price.getCountry())
                .channel(price.getChannelKey() == null ? null : byId
                        ? ChannelResourceIdentifier.builder().id(channelId).build()
                        : ChannelResourceIdentifier.builder().key(price.getChannelKey()).build())
                .customerGroup(price.getCustomerGroupKey() == null ? null : byId
                        ? CustomerGroupResourceIdentifier.builder().id(customerGroupId).build()
                        : CustomerGroupResourceIdentifier.builder().key(price.getCustomerGroupKey()).build())
                .validFrom(validFrom())
                .validUntil(validUntil())
                .tiers(price.getTiers().stream().map(tier -> PriceTierDraft.builder().minimumQuantity(tier.getMinimumQuantity())
                        .value(money(tier.getCentAmount())).build()).toList())
                .build();
    }

    /** A quantity break's amount per unit, in the price's precision. */
    public BigDecimal amount(final PriceTier tier) {
        return BigDecimal.valueOf(tier.getCentAmount(), price.getFractionDigits());
    }

    /** Cent precision in the currency's own minor unit, high precision otherwise. Typed, so the mock stores the type too. */
    private Money money() {
        return money(price.getCentAmount());
    }

    /** {@code cents} in the price's currency and fraction digits (the price's own amount, or a quantity break's). */
    private Money money(final long cents) {
        final int currencyDigits = currencyDigits(price.getCurrency());
        if (price.getFractionDigits() == currencyDigits) {
            return CentPrecisionMoneyDraft.builder().centAmount(cents).currencyCode(price.getCurrency())
                    .fractionDigits(currencyDigits).build();
        }
        final BigDecimal amount = BigDecimal.valueOf(cents, price.getFractionDigits());
        return HighPrecisionMoneyDraft.builder().preciseAmount(cents).fractionDigits(price.getFractionDigits())
                .currencyCode(price.getCurrency())
                .centAmount(amount.setScale(currencyDigits, java.math.RoundingMode.HALF_EVEN).movePointRight(currencyDigits).longValueExact())
                .build();
    }

    static int currencyDigits(final String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    private static ZonedDateTime time(final Long epochMs) {
        return epochMs == null ? null : ZonedDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
    }
}
