package io.vendsync.cli.reconcile;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.channel.Channel;
import com.commercetools.api.models.channel.ChannelDraft;
import com.commercetools.api.models.channel.ChannelResourceIdentifier;
import com.commercetools.api.models.channel.ChannelRoleEnum;
import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.common.Money;
import com.commercetools.api.models.common.PriceDraft;
import com.commercetools.api.models.customer.AuthenticationMode;
import com.commercetools.api.models.customer.CustomerDraft;
import com.commercetools.api.models.inventory.InventoryEntryDraft;
import com.commercetools.api.models.order.OrderImportDraft;
import com.commercetools.api.models.order.OrderState;
import com.commercetools.api.models.product.ProductDraft;
import com.commercetools.api.models.product.ProductVariantDraft;
import com.commercetools.api.models.product_type.ProductTypeDraft;
import com.commercetools.api.models.product_type.ProductTypeResourceIdentifier;
import com.commercetools.api.models.type.CustomFieldsDraft;
import com.commercetools.api.models.type.FieldContainer;
import com.commercetools.api.models.type.TypeResourceIdentifier;
import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.Outlet;
import io.vendsync.simulator.Product;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.sink.orders.OrderFields;
import io.vendsync.testkit.expected.ExpectedCustomers;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes into an empty commercetools project the state vendsync would leave for a Vend store, straight from the
 * simulator's data and the default rules (channel {@code vend-outlet-<outlet id>}, the trimmed Vend SKU, one NZD retail
 * price per variant, customers by {@link ExpectedCustomers}, one order per closed sale with Vend's net total), without
 * running the pipeline: the reconciliation's tests start from here and plant mismatches.
 */
final class MatchingCommercetools {

    static final String PRICE_KEY = "retail-NZD-NZ";
    static final String CUSTOMER_PREFIX = "vend-customer-";

    private MatchingCommercetools() {
    }

    static String channelKey(final String outletId) {
        return "vend-outlet-" + outletId;
    }

    static long cents(final Product product) {
        return product.priceExcludingTax().movePointRight(2).longValueExact();
    }

    static void seed(final ProjectApiRoot api, final VendSimulator vend, final List<JsonNode> closedSales) {
        final Map<String, String> channelIds = new HashMap<>();
        for (final Outlet outlet : vend.outlets()) {
            final Channel channel = api.channels().post(ChannelDraft.builder().key(channelKey(outlet.id()))
                    .roles(ChannelRoleEnum.INVENTORY_SUPPLY, ChannelRoleEnum.PRODUCT_DISTRIBUTION).build()).executeBlocking().getBody();
            channelIds.put(outlet.id(), channel.getId());
        }
        final Map<String, String> skus = new HashMap<>();
        vend.products().forEach(p -> skus.put(p.id(), p.sku().trim()));
        for (final InventoryRecord record : vend.inventory()) {
            inventory(api, channelIds.get(record.outletId()), skus.get(record.productId()), Math.max(0, record.inventoryLevel()));
        }
        final String typeId = api.productTypes().post(ProductTypeDraft.builder().key("reconcile-test").name("reconcile test")
                .description("products for the reconciliation tests").build()).executeBlocking().getBody().getId();
        for (final Product product : vend.products()) {
            product(api, typeId, "vend-" + product.id(), product.sku().trim(), cents(product));
        }
        for (final String key : ExpectedCustomers.keys(vend.records("customers"), CUSTOMER_PREFIX)) {
            final JsonNode customer = vend.records("customers").stream()
                    .filter(c -> key.equals(CUSTOMER_PREFIX + c.path("id").asText())).findFirst().orElseThrow();
            customer(api, key, customer.path("email").asText().trim());
        }
        OrderFields.ensureType(api);
        for (final JsonNode sale : closedSales) {
            order(api, sale.path("invoice_number").asText(), sale.path("id").asText(), sale.path("total_price").decimalValue());
        }
    }

    static void inventory(final ProjectApiRoot api, final String channelId, final String sku, final long quantity) {
        api.inventory().post(InventoryEntryDraft.builder().sku(sku).quantityOnStock(quantity)
                .supplyChannel(ChannelResourceIdentifier.builder().id(channelId).build()).build()).executeBlocking();
    }

    static void product(final ProjectApiRoot api, final String typeId, final String key, final String sku, final long cents) {
        api.products().post(ProductDraft.builder().key(key).name(LocalizedString.ofEnglish(sku))
                .slug(LocalizedString.ofEnglish(key.toLowerCase(java.util.Locale.ROOT)))
                .productType(ProductTypeResourceIdentifier.builder().id(typeId).build())
                .masterVariant(ProductVariantDraft.builder().sku(sku).prices(price(PRICE_KEY, cents)).build()).build())
                .executeBlocking();
    }

    static PriceDraft price(final String key, final long cents) {
        return PriceDraft.builder().key(key).country("NZ")
                .value(Money.builder().currencyCode("NZD").centAmount(cents).build()).build();
    }

    static void customer(final ProjectApiRoot api, final String key, final String email) {
        api.customers().post(CustomerDraft.builder().key(key).email(email).authenticationMode(AuthenticationMode.EXTERNAL_AUTH)
                .build()).executeBlocking();
    }

    static void order(final ProjectApiRoot api, final String number, final String saleId, final BigDecimal net) {
        api.orders().importOrder().post(OrderImportDraft.builder().orderNumber(number).orderState(OrderState.COMPLETE)
                .totalPrice(Money.builder().currencyCode("NZD").centAmount(net.movePointRight(2).longValueExact()).build())
                .custom(CustomFieldsDraft.builder().type(TypeResourceIdentifier.builder().key(OrderFields.TYPE_KEY).build())
                        .fields(FieldContainer.builder().addValue(OrderFields.SALE_ID, saleId).build()).build())
                .build()).executeBlocking();
    }
}
