package io.vendsync.sink.orders;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.customer.Customer;
import com.commercetools.api.models.order.OrderUpdateAction;
import com.commercetools.api.models.product.ProductProjection;
import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.schemas.canonical.v1.OrderLine;
import io.vendsync.schemas.canonical.v1.OrderPayment;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.internals.MissingReferenceException;
import io.vendsync.sink.write.Attempt;
import io.vendsync.sink.write.ResourceWriter;
import io.vendsync.sink.write.WriterTemplate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes commercetools hold exactly one order per Vend sale, in the sale's latest state. The guarantee is the sink's own
 * (commercetools' mock does not enforce unique order numbers, and a record may be applied by the main loop and a retry
 * at once, replayed, or applied again after a kill -9 before its offset was committed):
 * <ol>
 *   <li>Records of one sale are applied one at a time (the {@link WriterTemplate}'s lock per key, the sale id).</li>
 *   <li>The order is looked up by {@code orderNumber} first; one of another Vend sale is never overwritten: the sale's
 *       own is then looked up, and imported, under {@link OrderNumbers#whenTaken}.</li>
 *   <li>None yet: each Vend payment's commercetools payment is found by its deterministic key or created (so one created
 *       before a crash is reused), every SKU must exist (else {@link MissingReferenceException}: the record waits on a
 *       retry tier for its product), and the order is imported with {@code inventoryMode None}; then the payments the
 *       import did not keep (the mock drops {@code paymentInfo}) are added. A voided sale without an order creates
 *       nothing.</li>
 *   <li>One exists: a replay (the order's {@code vendSourceVersion} at or above the record's) writes nothing unless a
 *       payment is missing (a crash between the import and {@code addPayment}), or the order lacks the buyer a record of
 *       its version gives (imported before the buyer's customer existed); a later version changes order state,
 *       payment state, payments and vendsync's fields. Lines and totals are never rewritten. A void cancels the order
 *       and refunds what each of its payments holds (Vend deleted the sale's payments), once; its payment state stays.</li>
 * </ol>
 * Orders are events, not absolute state: no record of a sale is ever skipped because a newer one is in the batch.
 */
public final class OrderWriter implements ResourceWriter<Order, CurrentOrder, OrderUpdateAction> {

    public static final String ENTITY = "order";

    private static final Logger LOG = LoggerFactory.getLogger(OrderWriter.class);

    private final ProjectApiRoot api;
    private final String typeId;
    private final OrderRequests requests;
    private final PaymentRequests payments;

    public OrderWriter(final ProjectApiRoot api, final String typeId) {
        this.api = Objects.requireNonNull(api, "api");
        this.requests = new OrderRequests(api);
        this.payments = new PaymentRequests(api);
        this.typeId = Objects.requireNonNull(typeId, "typeId");
    }

    /** The order writer on the template, with the order Type ensured, counting into {@code statistics}. */
    public static WriterTemplate<Order, CurrentOrder, OrderUpdateAction> template(final ProjectApiRoot api, final int maxConflictRetries,
                                                                                   final SinkStatistics statistics) {
        return new WriterTemplate<>(new OrderWriter(api, OrderFields.ensureType(api)), maxConflictRetries, statistics);
    }

    @Override
    public String entity() {
        return ENTITY;
    }

    @Override
    public String key(final Order record) {
        return record.getSaleId();
    }

    @Override
    public long sourceVersion(final Order record) {
        return record.getSourceVersion();
    }

    @Override
    public boolean absoluteState() {
        return false;
    }

    /** A Vend return is mirrored onto its original order (issue 13), never imported as an order of its own. */
    @Override
    public String skipReason(final Order record) {
        return record.getReturnFor() == null ? null
                : "Vend sale " + record.getSaleId() + " is a return of sale " + record.getReturnFor() + "; returns are not imported as orders";
    }

    /**
     * The sale's order by the record's number, else by the number it takes when another sale's order holds that one
     * ({@link OrderRequests#ofSale}). When it lacks some of the sale's payments, those are found by key or created here,
     * so the diff can link them.
     */
    @Override
    public CurrentOrder find(final Order record, final Attempt attempt) {
        final com.commercetools.api.models.order.Order order = requests.ofSale(record.getOrderNumber(), record.getSaleId(), attempt).order();
        if (order == null) {
            return null;
        }
        if ("Cancelled".equals(record.getOrderState()) && !OrderFields.deletedNotVoided(record)) {
            // Vend deleted the voided sale's payments: the money went back. Each payment keeps its charge and gets the refund.
            // A sale Vend deleted says no such thing: its payments stay as recorded.
            payments.recordVoid(order, record.getSaleId(), attempt);
        }
        final List<String> linked = OrderActions.paymentIdsOf(order);
        final boolean missing = linked.size() < record.getPayments().size();
        // A buyer the order lacks: its customer, found by key now, else the email the customer mapping gave. Only from a
        // record at least as new as the order, so an older one never takes the order's state back with it.
        // Only when the customer mapping gave the buyer's email: most POS sales are walk-in (a customer key, no email),
        // and looking their customer up on every record (and every replay) would cost a query for nothing.
        final boolean mayLink = order.getCustomerId() == null && record.getCustomerKey() != null && record.getCustomerEmail() != null
                && record.getSourceVersion() >= OrderActions.sourceVersion(order);
        // A newer version of the sale that names another customer (a merge in Vend reassigns a duplicate's sales) moves the
        // order to that customer, or takes the old one off it when the new one has no commercetools customer.
        final boolean buyerChanged = record.getSourceVersion() > OrderActions.sourceVersion(order)
                && !Objects.equals(OrderActions.vendCustomerId(order), record.getCustomerId());
        final String buyerId = buyerChanged && record.getCustomerKey() != null || mayLink ? customerId(record, attempt) : null;
        final boolean buyerMissing = mayLink && (buyerId != null || order.getCustomerEmail() == null);
        return new CurrentOrder(order, missing ? payments(record, attempt) : linked, missing, buyerId, buyerMissing, buyerChanged);
    }

    /** Imports the order (a voided sale that never was an order: nothing), then links the payments the import did not keep. */
    @Override
    public void create(final Order record, final Attempt attempt) {
        if ("Cancelled".equals(record.getOrderState())) {
            LOG.info("{}: Vend sale {} was {} before it was ever an order; nothing to cancel", attempt.correlationId(),
                    record.getSaleId(), OrderFields.deletedNotVoided(record) ? "deleted" : "voided");
            return;
        }
        final SoldSkus skus = requireSkus(record, attempt);
        final List<String> paymentIds = payments(record, attempt);
        final String buyerId = customerId(record, attempt);
        final String number = requests.ofSale(record.getOrderNumber(), record.getSaleId(), attempt).number();
        if (!number.equals(record.getOrderNumber())) {
            LOG.warn("{}: order number '{}' is taken by another Vend sale's order (registers sharing invoice numbers?); the order "
                    + "of sale {} is numbered '{}'", attempt.correlationId(), record.getOrderNumber(), record.getSaleId(), number);
        }
        final Order numbered = number.equals(record.getOrderNumber()) ? record : Order.newBuilder(record).setOrderNumber(number).build();
        final com.commercetools.api.models.order.Order imported = attempt.tag(api.orders().importOrder()
                .post(OrderDraftBuilder.draft(numbered, typeId, buyerId, paymentIds, skus.withoutVariant(), skus.names())))
                .executeBlocking().getBody();
        // A buyer the customer mapping published (it gave the email) whose customer was created after the lookup above
        // may have looked for its orders before this one existed (OrderBuyerLinks): look once more, now that it does.
        final String lateBuyerId = buyerId == null && record.getCustomerEmail() != null ? customerId(record, attempt) : null;
        final List<OrderUpdateAction> actions = OrderActions.diff(imported, record, paymentIds, lateBuyerId);
        if (!actions.isEmpty()) {
            update(new CurrentOrder(imported, paymentIds, true, null, false), imported.getVersion(), actions, attempt);
        }
    }

    @Override
    public List<OrderUpdateAction> diff(final CurrentOrder current, final Order record) {
        return OrderActions.diff(current.order(), record, current.paymentIds(), current.buyerId(), current.buyerChanged());
    }

    @Override
    public long version(final CurrentOrder current) {
        return current.order().getVersion();
    }

    @Override
    public long update(final CurrentOrder current, final long version, final List<OrderUpdateAction> actions, final Attempt attempt) {
        return requests.update(current.order(), version, actions, attempt);
    }

    /**
     * The sale version on the order; none while a payment is missing, so a replay after a crash still links it, nor
     * while the order lacks a buyer the record gives (the customer mapping's email comes after the sale, under the
     * sale's version).
     */
    @Override
    public OptionalLong appliedVersion(final CurrentOrder current) {
        final long version = OrderActions.sourceVersion(current.order());
        return current.paymentsMissing() || current.buyerMissing() || version < 0 ? OptionalLong.empty() : OptionalLong.of(version);
    }

    /** Each Vend payment's commercetools payment, found by its key or created; in the record's order. */
    private List<String> payments(final Order record, final Attempt attempt) {
        final List<String> ids = new ArrayList<>();
        for (final OrderPayment payment : record.getPayments()) {
            ids.add(payments.findOrCreate(payment, record.getCurrency(), attempt));
        }
        return ids;
    }

    /** The buyer's commercetools customer by the key the customer mapping gives it, or null (the email is used then). */
    private String customerId(final Order record, final Attempt attempt) {
        if (record.getCustomerKey() == null) {
            return null;
        }
        final List<Customer> found = attempt.tag(api.customers().get().withWhere("key = :key")
                .withPredicateVar("key", record.getCustomerKey()).withLimit(1)).executeBlocking().getBody().getResults();
        return found.isEmpty() ? null : found.get(0).getId();
    }

    /**
     * What the import needs of the order's SKUs: the SKUs without a variant imported as custom lines, and the name of the
     * product of each other SKU (a line item is named by its product, as the shop shows it).
     */
    private record SoldSkus(Set<String> withoutVariant, Map<String, LocalizedString> names) {
    }

    /**
     * Every SKU of the order must be a commercetools variant; the catalog loop may not have created it yet. The SKUs
     * without one whose lines all sell a product deleted or inactive in Vend never will have one (deleted before vendsync
     * created it, e.g. a backfill; vendsync creates no variant of an inactive product), so those lines are imported as
     * custom lines.
     */
    private SoldSkus requireSkus(final Order record, final Attempt attempt) {
        final LinkedHashSet<String> skus = new LinkedHashSet<>();
        record.getLines().forEach((OrderLine line) -> skus.add(line.getSku()));
        final Set<String> withoutVariant = new LinkedHashSet<>();
        final Map<String, LocalizedString> names = new HashMap<>();
        for (final String sku : skus) {
            final ProductProjection product = requests.productOf(sku, attempt);
            if (product != null) {
                if (product.getName() != null && !product.getName().values().isEmpty()) {
                    names.put(sku, product.getName());
                }
                continue;
            }
            if (record.getLines().stream().filter(line -> sku.equals(line.getSku())).allMatch(line -> line.getProductDeleted() || line.getProductInactive())) {
                withoutVariant.add(sku);
                continue;
            }
            throw new MissingReferenceException(attempt.correlationId() + ": no commercetools product has a variant with SKU '" + sku
                    + "'; the order waits until the catalog loop has created it");
        }
        return new SoldSkus(withoutVariant, names);
    }
}
