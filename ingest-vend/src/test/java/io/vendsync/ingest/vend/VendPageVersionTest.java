package io.vendsync.ingest.vend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpHandler;
import io.vendsync.ingest.StubStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Collection pages as a store may serve them beyond what the simulator does: shapes the 2.0 docs allow or leave open. */
class VendPageVersionTest {

    private final List<String> queries = new CopyOnWriteArrayList<>();
    private StubStore store;

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void shouldPageOnByTheRecordsOwnVersionsWhenVendSendsNoVersionMax() throws Exception {
        final VendApiClient client = clientOf(query -> query.contains("after=0&") || query.endsWith("after=0")
                ? "{\"data\":[{\"id\":\"r1\",\"version\":11},{\"id\":\"r2\",\"version\":14},{\"id\":\"r3\",\"version\":12}]}"
                : "{\"data\":[]}");
        assertThat(client.readPage("registers", 0, 100).maxVersion()).isEqualTo(14);
        // Before, the page without version.max was taken as the end: a store of three registers had a budget of one.
        assertThat(client.countLive("registers", 100)).isEqualTo(3);
    }

    @Test
    void shouldAskForSmallerPagesWhenTheStoreRefusesThePageSizeAndKeepAskingForThose() throws Exception {
        // A store that caps page_size at 1,000 and says so with a 400 (the 2.0 docs give no maximum).
        final VendApiClient client = clientOf(query -> pageSize(query) > 1_000
                ? null : "{\"data\":[{\"id\":\"t1\",\"version\":3}],\"version\":{\"min\":3,\"max\":3}}");
        assertThat(client.readPage("taxes", 0, 10_000).records()).hasSize(1);
        assertThat(client.readPage("taxes", 3, 10_000).records()).hasSize(1);
        // Before, the 400 failed every read of the collection, for good.
        assertThat(queries).extracting(VendPageVersionTest::pageSize)
                .containsExactly(10_000, 5_000, 1_000, 1_000);
    }

    @Test
    void shouldAskForSmallerPagesWhenAPageOfTheSizeAskedDoesNotComeWithinTheDeadline() throws Exception {
        // A store whose pages of more than 1,000 records take longer than the client waits (the docs give no latency).
        final VendApiClient client = slowStore(query -> pageSize(query) > 1_000);

        assertThat(client.readPage("products", 0, 10_000).records()).hasSize(1);
        assertThat(client.readPage("products", 3, 10_000).records()).hasSize(1);
        // Before, the timeout failed every read of the collection at that cursor, for good.
        assertThat(queries).extracting(VendPageVersionTest::pageSize)
                .containsExactly(10_000, 5_000, 1_000, 1_000);
    }

    @Test
    void shouldNotKeepSmallerPagesAfterAStoreThatAnsweredNothingAtAll() throws Exception {
        final java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        final VendApiClient client = slowStore(query -> down.get());

        assertThatThrownBy(() -> client.readPage("products", 0, 10_000)).isInstanceOf(VendApiException.class);
        down.set(false);
        assertThat(client.readPage("products", 0, 10_000).records()).hasSize(1);

        assertThat(queries).extracting(VendPageVersionTest::pageSize)
                .containsExactly(10_000, 5_000, 1_000, 200, 10_000);
    }

    /** A client (deadline 500 ms) of a store that answers one record a page, or nothing in time where {@code slow} says so. */
    private VendApiClient slowStore(final java.util.function.Predicate<String> slow) throws Exception {
        store = new StubStore(exchange -> {
            final String query = exchange.getRequestURI().getQuery();
            queries.add(query);
            try {
                if (slow.test(query)) {
                    Thread.sleep(3_000);
                }
                answer(exchange, 200, "{\"data\":[{\"id\":\"p1\",\"version\":3}],\"version\":{\"min\":3,\"max\":3}}");
            } catch (InterruptedException | java.io.IOException e) {
                // the client gave up on this answer
            } finally {
                exchange.close();
            }
        }, new RateGovernor(100, Duration.ofMinutes(5), Clock.systemUTC()), Duration.ofMillis(500));
        return store.client();
    }

    /**
     * Vend's 429 dates its Retry-After on Vend's clock, and says in the Date header what time that was: with this
     * machine's clock five minutes ahead of Vend's, the date read as passed and the pause was the minimum, not the 12 s
     * asked. (The JDK's server sets Date itself, to the real time: this machine's clock is the one moved here.)
     */
    @Test
    void shouldPauseForRetryAfterByTheAnswersDateWhenTheClocksDisagree() throws Exception {
        final Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
        final RateGovernor governor = new RateGovernor(100, Duration.ofMinutes(5), ahead);
        final VendApiClient client = clientOf(exchange -> {
            exchange.getResponseHeaders().set("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(12)));
            exchange.sendResponseHeaders(429, -1);
            exchange.close();
        }, governor);

        assertThatThrownBy(() -> client.readPage("taxes", 0, 100)).isInstanceOf(VendApiException.class);
        assertThat(Duration.between(ahead.instant(), governor.pausedUntil())).isGreaterThan(Duration.ofSeconds(10));
    }

    /** The page_size a collection request asked for. */
    private static int pageSize(final String query) {
        return Integer.parseInt(query.replaceAll(".*page_size=(\\d+).*", "$1"));
    }

    /** A client of a stub store whose collection pages answer {@code page.apply(query)}, or 400 where that is null. */
    private VendApiClient clientOf(final Function<String, String> page) throws Exception {
        return clientOf(exchange -> {
            final String query = exchange.getRequestURI().getQuery();
            queries.add(query);
            final String body = page.apply(query);
            answer(exchange, body == null ? 400 : 200, body == null ? "{\"error\":\"page_size must be at most 1000\"}" : body);
            exchange.close();
        }, new RateGovernor(100, Duration.ofMinutes(5), Clock.systemUTC()));
    }

    /** Answers with a JSON body. */
    private static void answer(final com.sun.net.httpserver.HttpExchange exchange, final int status, final String json)
            throws java.io.IOException {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A client of a stub store that answers every collection request with {@code handler}, paced by {@code governor}. */
    private VendApiClient clientOf(final HttpHandler handler, final RateGovernor governor) throws Exception {
        store = new StubStore(handler, governor);
        return store.client();
    }
}
