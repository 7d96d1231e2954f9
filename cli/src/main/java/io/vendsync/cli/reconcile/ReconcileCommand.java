package io.vendsync.cli.reconcile;

import com.commercetools.api.client.ProjectApiRoot;
import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.ingest.IngestConfig;
import io.vendsync.ingest.VendConnection;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.customers.CustomerSettings;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.ConfigSource;
import io.vendsync.runtime.LatestValues;
import io.vendsync.schemas.Topics;
import io.vendsync.sink.CommercetoolsApi;
import io.vendsync.sink.SinkConfig;
import io.vendsync.sink.customers.DeletePolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * {@code vendsync reconcile}: compares a Vend store with the commercetools project vendsync writes it to (inventory,
 * prices, customers, orders), prints a summary, writes reconcile.html, .csv and .json, and exits 1 when it finds more
 * mismatches than allowed. Reads Vend through the ingest's client within its own share of the rate limit, commercetools
 * through the sink's client, and the mapper's identity decisions from their compacted topics. Writes nothing anywhere
 * but the report and the integration log.
 */
public final class ReconcileCommand {

    public static final int OK = 0;
    public static final int TOO_MANY_MISMATCHES = 1;
    public static final int USAGE_ERROR = 2;
    public static final int FAILED = 3;

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(60);

    private ReconcileCommand() {
    }

    /** From CLI arguments and {@code VENDSYNC_*} environment variables; returns the exit code. */
    public static int main(final List<String> args, final PrintStream out, final PrintStream err) {
        final ReconcileOptions options;
        try {
            options = ReconcileOptions.parse(args, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE_ERROR;
        }
        return run(ConfigSource.load(options.config(), System.getenv()), options, out, err);
    }

    /** Runs with these settings (the ingest's, mapper's and sink's keys, one namespace). */
    public static int run(final Map<String, String> settings, final ReconcileOptions options, final PrintStream out,
                          final PrintStream err) {
        try {
            final ReconcileReport report = reconcile(settings, options);
            TerminalSummary.print(report, out);
            final List<Path> files = ReportFiles.write(report, options.out());
            out.println("Report: " + files.get(0).toAbsolutePath() + " (also " + files.get(1).getFileName() + ", "
                    + files.get(2).getFileName() + ")");
            if (options.keep() > 0) {
                out.println("Kept as " + ReportHistory.keep(report, options.out(), options.keep()).toAbsolutePath()
                        + " (the newest " + options.keep() + " runs are kept)");
            }
            if (report.mismatches().size() > options.maxMismatches()) {
                err.println(String.format(Locale.ROOT, "%d mismatch(es), more than --max-mismatches %d", report.mismatches().size(),
                        options.maxMismatches()));
                return TOO_MANY_MISMATCHES;
            }
            return OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("vendsync reconcile: interrupted");
            return FAILED;
        } catch (IOException | RuntimeException e) {
            if (e instanceof org.apache.kafka.common.config.ConfigException) {
                throw (RuntimeException) e; // Main names the setting and exits 2
            }
            err.println("vendsync reconcile failed: " + e);
            return FAILED;
        }
    }

    static ReconcileReport reconcile(final Map<String, String> settings, final ReconcileOptions options)
            throws InterruptedException {
        final Instant started = Instant.now();
        final Map<String, String> vendSettings = new HashMap<>(settings);
        // Its own share, never the ingest's budget: both run at once against one store limit.
        vendSettings.put(IngestConfig.VEND_RATE_SHARE, Double.toString(options.rateShare()));
        vendSettings.put(IngestConfig.VEND_RATE_BUDGET, "0");
        final IngestConfig ingest = new IngestConfig(vendSettings);
        final MapperConfig mapper = new MapperConfig(settings);
        final SinkConfig sink = new SinkConfig(settings);
        final Topics topics = CommonConfig.topics(sink);
        final Properties kafka = CommonConfig.kafkaClientProperties(sink);
        final Identity identity = new Identity(LatestValues.read(kafka, topics.outletChannels, KAFKA_TIMEOUT),
                LatestValues.read(kafka, topics.productResolutions, KAFKA_TIMEOUT),
                LatestValues.read(kafka, topics.canonicalPrices, KAFKA_TIMEOUT));
        final List<JsonNode> products;
        final List<JsonNode> inventory;
        final List<JsonNode> customers;
        final List<JsonNode> sales;
        final int budget;
        final int vendLimit;
        final Duration window;
        final int vendRequests;
        final String discountProductId;
        try (VendConnection vend = VendConnection.open(ingest, topics, kafka, Clock.systemUTC())) {
            final VendReader reader = new VendReader(vend.vend(), ingest.getInt(IngestConfig.VEND_PAGE_SIZE));
            products = reader.readAll("products");
            inventory = reader.readAll("inventory");
            customers = reader.readAll("customers");
            sales = reader.readAll("sales");
            discountProductId = vend.vend().get("/api/2.0/retailer", java.util.Map.of()).path("data").path("discount_product_id").asText(null);
            budget = vend.governor().budget();
            vendLimit = vend.vendLimit();
            window = vend.governor().window();
            // Every request Vend counted: the register count that settled the budget, retries and redirects included.
            vendRequests = (int) vend.governor().acquired();
        }
        final CommercetoolsData commercetools;
        final int ctRequests;
        try (ProjectApiRoot api = CommercetoolsApi.connect(sink)) {
            final CommercetoolsReader reader = new CommercetoolsReader(api);
            commercetools = reader.read();
            ctRequests = reader.requests();
        }
        final OrderCheck.Rules orderRules = new OrderCheck.Rules(
                "sale-id".equalsIgnoreCase(mapper.getString(MapperConfig.ORDERS_NUMBER_SOURCE)),
                "open".equalsIgnoreCase(mapper.getString(MapperConfig.ORDERS_PENDING_POLICY)), discountProductId);
        final List<Comparison> comparisons = List.of(
                InventoryCheck.compare(products, inventory, identity, commercetools.inventory()),
                PriceCheck.compare(identity, commercetools.variants()),
                CustomerCheck.compare(customers, CustomerSettings.of(mapper, topics), options.since(),
                        sink.customerDeletePolicy() == DeletePolicy.DELETE_CREATED, commercetools.customers()),
                OrderCheck.compare(sales, orderRules, identity, options.since(), commercetools.orders()));
        return new ReconcileReport(ingest.getString(IngestConfig.VEND_DOMAIN_PREFIX), sink.projectKey(), started,
                Duration.between(started, Instant.now()), options.since(),
                new ReconcileReport.Budget(budget, options.rateShare(), vendLimit, window, vendRequests, ctRequests), comparisons);
    }
}
