package io.vendsync.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vendsync.cli.Logging;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.management.ManagementServer;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.Product;
import io.vendsync.simulator.SaleLine;
import io.vendsync.simulator.SalePayment;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.expected.ExpectedCustomers;
import io.vendsync.testkit.kafka.EmbeddedKafka;
import io.vendsync.testkit.kafka.TopicProbe;
import io.vendsync.testkit.registry.ApicurioRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code vendsync demo}: the whole sync on this machine. An in-process Kafka broker, the commercetools
 * mock, a seeded Vend simulator and the three apps, wired exactly as in production but by the demo;
 * then live stock changes fired as webhooks, and a check, level by level, that commercetools caught up.
 */
public final class Demo {

    /**
     * Demo settings from the command line. {@code registry}: every app speaks the Confluent wire format against a real
     * schema registry (Apicurio Registry, Java 21+) that the demo starts too.
     */
    public record Options(int outlets, int products, int liveChanges, Duration timeout, boolean stay, Path endpointsFile,
                          boolean registry) {
        public static Options parse(final List<String> args) {
            int outlets = 3;
            int products = 25;
            int changes = 10;
            long timeout = 180;
            boolean stay = false;
            boolean registry = false;
            Path endpoints = Path.of(".vendsync", "demo-endpoints.json");
            final Deque<String> queue = new ArrayDeque<>(args);
            while (!queue.isEmpty()) {
                final String arg = queue.pop();
                switch (arg) {
                    case "--stay" -> stay = true;
                    case "--registry" -> registry = true;
                    case "--outlets" -> outlets = positive(arg, queue);
                    case "--products" -> products = positive(arg, queue);
                    case "--changes" -> changes = positive(arg, queue);
                    case "--timeout" -> timeout = positive(arg, queue);
                    case "--endpoints" -> endpoints = Path.of(value(arg, queue));
                    default -> throw new IllegalArgumentException("Unknown demo option '" + arg + "'");
                }
            }
            return new Options(outlets, products, changes, Duration.ofSeconds(timeout), stay, endpoints, registry);
        }

        private static String value(final String name, final Deque<String> queue) {
            if (queue.isEmpty()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return queue.pop();
        }

        private static int positive(final String name, final Deque<String> queue) {
            final String raw = value(name, queue);
            try {
                final int n = Integer.parseInt(raw);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a non-negative number, got '" + raw + "'");
            }
        }
    }

    private static final String PROJECT_KEY = "vendsync-demo";

    private final Options options;
    private final PrintStream out;
    private final long startedAt = System.nanoTime();
    private final List<DemoSummary.Phase> phases = new ArrayList<>();

    public Demo(final Options options, final PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** @return 0 when commercetools matched Vend before the timeout, 1 otherwise */
    public int run() throws Exception {
        Logging.file().ifPresent(log -> step("Library logs go to " + log + " (the console shows progress only)"));
        step("Starting Kafka (in-process KRaft broker)");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            step("Kafka at " + kafka.bootstrapServers());
            step("Starting the commercetools mock (the first run installs it with npm)");
            try (CommercetoolsMock commercetools = CommercetoolsMock.start();
                 ApicurioRegistry registry = startRegistry();
                 VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults().withDomainPrefix("demo"))) {
                vend.seed(options.outlets(), options.products(), 42L);
                vend.seedStore(1, 20, 42L); // taxes, customer groups, price books: what the product and price mappers need
                seedCustomers(vend);
                step("Vend simulator at " + vend.baseUrl() + " with " + vend.outlets().size() + " outlets, "
                        + vend.products().size() + " products, " + vend.inventory().size() + " inventory records");
                final LocalPipeline.Settings settings = new LocalPipeline.Settings(kafka.bootstrapServers(),
                        Topics.DEFAULT_PREFIX, PROJECT_KEY, Duration.ofMinutes(1), true)
                        .withSchemaRegistry(registry == null ? "" : registry.confluentUrl());
                try (LocalPipeline pipeline = LocalPipeline.start(settings, vend, commercetools)) {
                    step("Ingest, mapper and sink running; Vend webhooks go to " + pipeline.webhookBaseUrl() + "/<type>");
                    final Path endpoints = writeEndpoints(kafka, vend, commercetools, registry, pipeline.webhookBaseUrl());
                    step("Endpoints written to " + endpoints.toAbsolutePath());
                    final CommercetoolsInventoryReader reader = new CommercetoolsInventoryReader(commercetools.apiUrl(),
                            commercetools.authUrl(), PROJECT_KEY, commercetools.clientId(), commercetools.clientSecret());
                    final MapperConfig mapper = pipeline.mapperConfig();
                    boolean converged = timed("initial snapshot (stock levels)", () -> awaitConvergence(vend, reader, mapper, "initial snapshot"));
                    if (converged && options.liveChanges() > 0) {
                        changeStock(vend);
                        final String phase = options.liveChanges() + " live stock changes (webhooks)";
                        converged = timed(phase, () -> awaitConvergence(vend, reader, mapper, phase));
                    }
                    if (converged) {
                        converged = timed("products (catalog)", () -> awaitProducts(vend, reader));
                    }
                    if (converged) {
                        converged = timed("customers", () -> awaitCustomers(vend, reader, mapper));
                    }
                    if (converged) {
                        final List<JsonNode> sales = ringUpSales(vend);
                        converged = timed(sales.size() + " sales as orders", () -> awaitOrders(reader, sales));
                    }
                    if (converged && registry != null) {
                        converged = registryTour(kafka, registry, CommonConfig.topics(mapper));
                    }
                    out.print(DemoSummary.render(resources(pipeline), rejected(kafka, mapper), phases,
                            Duration.ofNanos(System.nanoTime() - startedAt)));
                    out.println(converged ? "\ncommercetools matches Vend." : "\ncommercetools did NOT match Vend in time; see the log.");
                    Logging.file().ifPresent(log -> out.println("Library logs: " + log));
                    out.flush();
                    if (options.stay()) {
                        stay(kafka, vend, commercetools, registry, pipeline, endpoints);
                    }
                    return converged ? 0 : 1;
                }
            }
        }
    }

    /** --registry: Apicurio Registry in a child JVM (Java 21+; the first run unpacks it); null without the option. */
    private ApicurioRegistry startRegistry() {
        if (!options.registry()) {
            return null;
        }
        step("Starting the schema registry (Apicurio Registry " + ApicurioRegistry.version() + ", Java 21+; the first run unpacks it)");
        final ApicurioRegistry registry = ApicurioRegistry.start();
        step("Schema registry at " + registry.confluentUrl() + " (compatibility BACKWARD), ready in "
                + registry.startup().toMillis() + " ms; every app registers and looks up its schemas there");
        return registry;
    }

    /**
     * --registry, after the sync: what any Kafka consumer sees through the registry. The raw and canonical subjects, a
     * canonical value decoded with plain HTTP and Avro alone, and a breaking schema change refused.
     */
    private boolean registryTour(final EmbeddedKafka kafka, final ApicurioRegistry registry, final Topics topics) {
        final PlainAvroConsumer plain = new PlainAvroConsumer(registry.confluentUrl());
        final List<String> subjects = plain.subjects();
        final String raw = topics.rawInventory.name() + "-value";
        final String canonical = topics.canonicalInventory.name() + "-value";
        step("Schema registry: " + subjects.size() + " subjects, among them " + raw + " and " + canonical);
        final List<PlainAvroConsumer.Decoded> levels = plain.readAll(kafka.bootstrapServers(), topics.canonicalInventory.name());
        if (!subjects.containsAll(List.of(raw, canonical)) || levels.isEmpty()) {
            step("The registry lacks the inventory subjects or the canonical topic is empty");
            return false;
        }
        final PlainAvroConsumer.Decoded first = levels.get(0);
        step("A plain Avro consumer (registry REST + generic reader, no vendsync code) decoded " + levels.size()
                + " canonical levels; the first, schema id " + first.schemaId() + ": sku " + first.record().get("sku")
                + ", channel " + first.record().get("channel_key") + ", quantity " + first.record().get("quantity"));
        final PlainAvroConsumer.Registration breaking = plain.register(canonical, PlainAvroConsumer.withField(
                first.writer(), "{\"name\":\"warehouse\",\"type\":\"string\"}"));
        step("A required field added to " + canonical + ": the registry answers " + breaking.status()
                + (breaking.status() == 409 ? " (refused: old levels would be unreadable)" : " (expected 409!)"));
        return breaking.status() == 409;
    }

    /** A phase the demo waits for; waits without timing it are the same calls. */
    private interface Wait {
        boolean await() throws InterruptedException;
    }

    private boolean timed(final String phase, final Wait wait) throws InterruptedException {
        final long start = System.nanoTime();
        final boolean converged = wait.await();
        phases.add(new DemoSummary.Phase(phase, Duration.ofNanos(System.nanoTime() - start), converged));
        return converged;
    }

    /** The sink's counters per resource: stock levels first, then the catalog's (products, prices, customers, orders...). */
    private static Map<String, SinkStatistics> resources(final LocalPipeline pipeline) {
        final Map<String, SinkStatistics> resources = new LinkedHashMap<>();
        resources.put("inventory", pipeline.sink().statistics());
        pipeline.sink().catalogStatistics().ifPresent(catalog -> resources.putAll(new TreeMap<>(catalog.resources())));
        return resources;
    }

    /** What the mappers held back (errors.validation), by code. */
    private static Map<String, Long> rejected(final EmbeddedKafka kafka, final MapperConfig mapper) {
        final Topic<String, ValidationError> topic = CommonConfig.topics(mapper).validationErrors;
        return TopicProbe.readAll(kafka.bootstrapServers(), topic.name(), new StringDeserializer(), topic.valueSerde().deserializer())
                .stream().collect(Collectors.groupingBy(r -> String.valueOf(r.value().getCode()), TreeMap::new, Collectors.counting()));
    }

    /** --stay: the apps' management endpoints too, then every address a newcomer may want, until Ctrl-C. */
    private void stay(final EmbeddedKafka kafka, final VendSimulator vend, final CommercetoolsMock commercetools,
                      final ApicurioRegistry registry, final LocalPipeline pipeline, final Path endpoints) throws InterruptedException {
        final Map<String, ManagementServer> management = pipeline.serveManagement();
        out.println();
        out.println("Staying up (Ctrl-C to stop). Endpoints (also in " + endpoints.toAbsolutePath() + "):");
        out.println("  Kafka bootstrap        " + kafka.bootstrapServers());
        if (registry != null) {
            out.println("  Schema registry        " + registry.confluentUrl() + "  (Confluent API; Apicurio's own at "
                    + registry.baseUrl() + "/apis/registry/v3)");
        }
        out.println("  Vend simulator         " + vend.baseUrl() + "  (token " + vend.token() + ")");
        out.println("  Vend webhooks          " + pipeline.webhookBaseUrl() + "/<type>");
        out.println("  commercetools API      " + commercetools.apiUrl() + "/" + PROJECT_KEY);
        out.println("  commercetools auth     " + commercetools.authUrl() + "  (client " + commercetools.clientId()
                + " / " + commercetools.clientSecret() + ")");
        management.forEach((app, server) -> out.println(String.format(Locale.ROOT, "  %-22s http://127.0.0.1:%d/health/ready  /metrics",
                app + " management", server.port())));
        out.println("Change stock with: curl -X POST " + vend.baseUrl() + "/_sim/inventory -H 'Content-Type: application/json'"
                + " -d '{\"product_id\":\"...\",\"outlet_id\":\"...\",\"count\":7}'");
        out.flush();
        final CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
        forever.await();
        management.values().forEach(ManagementServer::close);
    }

    private boolean awaitConvergence(final VendSimulator vend, final CommercetoolsInventoryReader reader,
                                     final MapperConfig mapper, final String phase) throws InterruptedException {
        final long deadline = System.nanoTime() + options.timeout().toNanos();
        ExpectedInventory.Comparison last = null;
        String lastLine = "";
        while (System.nanoTime() < deadline) {
            try {
                last = ExpectedInventory.compare(vend, reader.readAll(), mapper::derivedChannelKey);
            } catch (IOException e) {
                step("commercetools not readable yet: " + e.getMessage());
            }
            if (last != null) {
                final String line = phase + ": commercetools matches " + last.matched() + "/" + last.expected()
                        + " inventory levels";
                if (!line.equals(lastLine)) {
                    step(line);
                    lastLine = line;
                }
                if (last.converged()) {
                    step("Converged: " + phase);
                    return true;
                }
            }
            Thread.sleep(500);
        }
        step("Did not converge within " + options.timeout().toSeconds() + " s (" + phase + ")");
        if (last != null) {
            last.mismatches().stream().limit(20).forEach(m -> out.println("  mismatch " + m));
        }
        return false;
    }

    /** Every live Vend product's SKU is a variant in commercetools (created by the product mapper and the sink). */
    private boolean awaitProducts(final VendSimulator vend, final CommercetoolsInventoryReader reader) throws InterruptedException {
        final Set<String> expected = new TreeSet<>();
        vend.products().stream().filter(p -> !p.deleted()).forEach(p -> expected.add(p.sku()));
        final long deadline = System.nanoTime() + options.timeout().toNanos();
        Set<String> missing = expected;
        while (System.nanoTime() < deadline) {
            try {
                final Set<String> present = reader.productSkus();
                missing = new TreeSet<>(expected);
                missing.removeAll(present);
                if (missing.isEmpty()) {
                    step("Converged: " + expected.size() + " Vend products are commercetools variants");
                    return true;
                }
            } catch (IOException e) {
                step("commercetools not readable yet: " + e.getMessage());
            }
            Thread.sleep(500);
        }
        step("Did not converge within " + options.timeout().toSeconds() + " s (products); missing SKUs: " + missing);
        return false;
    }

    /**
     * The customer cases a real store has: one without an email, two whose emails differ only in case, one deleted, and
     * Vend's walk-in customer.
     */
    private void seedCustomers(final VendSimulator vend) {
        vend.seedCustomerCases(42L);
        step("Vend customers: " + vend.records("customers").size() + " live (VIP members, one without an email, two whose "
                + "emails differ only in case, Vend's walk-in customer) and one deleted");
    }

    /** Every Vend customer the default rules sync is a commercetools customer under its key (prefix + Vend id). */
    private boolean awaitCustomers(final VendSimulator vend, final CommercetoolsInventoryReader reader, final MapperConfig mapper)
            throws InterruptedException {
        final Set<String> expected = ExpectedCustomers.keys(vend.records("customers"), mapper.customerKeyPrefix());
        final long deadline = System.nanoTime() + options.timeout().toNanos();
        Set<String> missing = expected;
        while (System.nanoTime() < deadline) {
            try {
                final Set<String> present = reader.customerKeys();
                missing = new TreeSet<>(expected);
                missing.removeAll(present);
                if (missing.isEmpty()) {
                    step("Converged: " + expected.size() + " Vend customers are commercetools customers (the one without email "
                            + "and the younger duplicate are reported on errors.validation)");
                    return true;
                }
            } catch (IOException e) {
                step("commercetools not readable yet: " + e.getMessage());
            }
            Thread.sleep(500);
        }
        step("Did not converge within " + options.timeout().toSeconds() + " s (customers); missing keys: " + missing);
        return false;
    }

    /** A few closed sales at the first register: cash, card with a line discount, a split payment. */
    private List<JsonNode> ringUpSales(final VendSimulator vend) {
        final String register = vend.records("registers").get(0).path("id").asText();
        final String cash = vend.records("payment_types").get(0).path("id").asText();
        final String card = vend.records("payment_types").get(1).path("id").asText();
        final List<Product> products = vend.products().stream().filter(p -> !p.deleted()).toList();
        final List<JsonNode> sales = List.of(
                vend.createSale(register, null, List.of(new SaleLine(products.get(0).id(), 2)), cash),
                vend.createSale(register, null, List.of(new SaleLine(products.get(1).id(), 3, new BigDecimal("1.00"))),
                        List.of(SalePayment.rest(card)), "CLOSED"),
                vend.createSale(register, null, List.of(new SaleLine(products.get(0).id(), 1), new SaleLine(products.get(2).id(), 1)),
                        List.of(new SalePayment(cash, new BigDecimal("5.00")), SalePayment.rest(card)), "CLOSED"));
        step("Rang up " + sales.size() + " closed sales in Vend (cash, card with a line discount, split payment)");
        return sales;
    }

    /** commercetools holds exactly one order per closed sale (by invoice number), paid, with Vend's net total. */
    private boolean awaitOrders(final CommercetoolsInventoryReader reader, final List<JsonNode> sales) throws InterruptedException {
        final long deadline = System.nanoTime() + options.timeout().toNanos();
        long matched = 0;
        while (System.nanoTime() < deadline) {
            try {
                final List<JsonNode> orders = reader.orders();
                matched = sales.stream().filter(sale -> orders.stream()
                        .filter(o -> sale.path("invoice_number").asText().equals(o.path("orderNumber").asText())
                                && "Paid".equals(o.path("paymentState").asText())
                                && sale.path("total_price").decimalValue().movePointRight(2).longValue()
                                == o.path("taxedPrice").path("totalNet").path("centAmount").asLong())
                        .count() == 1).count();
                if (matched == sales.size() && orders.size() == sales.size()) {
                    step("Converged: commercetools holds one paid order per closed sale (" + matched + "/" + sales.size() + ")");
                    return true;
                }
            } catch (IOException e) {
                step("commercetools not readable yet: " + e.getMessage());
            }
            Thread.sleep(500);
        }
        step("Did not converge within " + options.timeout().toSeconds() + " s (orders): " + matched + "/" + sales.size() + " sales");
        return false;
    }

    private void changeStock(final VendSimulator vend) {
        final Random random = new Random(7);
        final List<InventoryRecord> records = vend.inventory();
        for (int i = 0; i < options.liveChanges(); i++) {
            final InventoryRecord record = records.get(random.nextInt(records.size()));
            final long level = random.nextInt(50);
            vend.setInventory(record.productId(), record.outletId(), level);
        }
        step("Changed " + options.liveChanges() + " stock levels in Vend; its webhooks are on their way");
    }

    private Path writeEndpoints(final EmbeddedKafka kafka, final VendSimulator vend, final CommercetoolsMock commercetools,
                                final ApicurioRegistry registry, final String webhookUrl) throws IOException {
        final Map<String, Object> endpoints = new LinkedHashMap<>();
        endpoints.put("kafkaBootstrapServers", kafka.bootstrapServers());
        if (registry != null) {
            endpoints.put("schemaRegistryUrl", registry.confluentUrl());
        }
        endpoints.put("vendSimulatorUrl", vend.baseUrl());
        endpoints.put("vendDomainPrefix", vend.domainPrefix());
        endpoints.put("vendToken", vend.token());
        endpoints.put("webhookUrl", webhookUrl);
        endpoints.put("commercetoolsApiUrl", commercetools.apiUrl());
        endpoints.put("commercetoolsAuthUrl", commercetools.authUrl());
        endpoints.put("commercetoolsProjectKey", PROJECT_KEY);
        endpoints.put("commercetoolsClientId", commercetools.clientId());
        endpoints.put("commercetoolsClientSecret", commercetools.clientSecret());
        final Path file = options.endpointsFile();
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), endpoints);
        return file;
    }

    private void step(final String message) {
        out.printf("[%6.1fs] %s%n", (System.nanoTime() - startedAt) / 1e9, message);
        out.flush();
    }
}
