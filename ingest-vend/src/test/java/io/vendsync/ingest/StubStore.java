package io.vendsync.ingest;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.vendsync.ingest.auth.PersonalToken;
import io.vendsync.ingest.vend.Backoff;
import io.vendsync.ingest.vend.BadResponse;
import io.vendsync.ingest.vend.RateGovernor;
import io.vendsync.ingest.vend.VendApiClient;
import io.vendsync.ingest.vend.VendEdgeStatistics;
import io.vendsync.ingest.vend.VendExchange;
import io.vendsync.runtime.logging.PayloadMasker;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A Vend store on loopback that answers every {@code /api/2.0/} request with a handler, for answers the simulator does
 * not give (shapes the 2.0 docs allow or leave open), and a client of it that tries each request once.
 */
public final class StubStore implements AutoCloseable {

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService answering = java.util.concurrent.Executors.newCachedThreadPool();
    private final Vertx vertx = Vertx.vertx();
    private final VendApiClient client;

    public StubStore(final HttpHandler store, final RateGovernor governor) throws IOException {
        this(store, governor, Duration.ofSeconds(10));
    }

    /**
     * The same, with the client's deadline per request; each request is answered on a thread of its own, so an answer
     * the client gave up on does not hold back the next.
     */
    public StubStore(final HttpHandler store, final RateGovernor governor, final Duration deadline) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/2.0/", store);
        server.setExecutor(answering);
        server.start();
        client = new VendApiClient(vertx, "http://127.0.0.1:" + server.getAddress().getPort(), new PersonalToken("t"),
                governor, deadline, 1, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                new VendEdgeStatistics(), 1024, PayloadMasker.none(), VendExchange.Listener.NONE, BadResponse.Listener.NONE);
    }

    public VendApiClient client() {
        return client;
    }

    @Override
    public void close() {
        vertx.close();
        server.stop(0);
        answering.shutdownNow();
    }
}
