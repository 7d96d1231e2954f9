package io.vendsync.simulator;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Answers a request the way a broken server or proxy would (see {@link VendFault}). */
final class TransportFaults {
    /** How often an endless body trickles another byte. */
    private static final long TRICKLE_MS = 200;

    private TransportFaults() {
    }

    static void answer(final RoutingContext ctx, final VendFault fault) {
        final HttpServerResponse response = ctx.response();
        switch (fault) {
            case STALL -> {
                // Never answered; the client's deadline ends it, and its reset closes the connection.
            }
            // A reset, not a graceful close: the client must not get to wait for an answer.
            case CONNECTION_RESET -> response.reset();
            case TRUNCATED_BODY -> {
                final String start = "{\"data\":[{\"id\":\"0242ac12-0002-11e9-e8c4-659494e33101\",\"version\":";
                response.setStatusCode(200).putHeader("Content-Type", "application/json")
                        .putHeader("Content-Length", Integer.toString(start.length() * 4));
                response.write(start).onComplete(done -> ctx.request().connection().close());
            }
            case EMPTY_BODY -> response.setStatusCode(200).putHeader("Content-Type", "application/json").end();
            case ENDLESS_BODY -> {
                response.setStatusCode(200).putHeader("Content-Type", "application/json").setChunked(true);
                response.write("{\"data\":[");
                // JSON whitespace forever: every byte is valid, the document never completes.
                ctx.vertx().setPeriodic(TRICKLE_MS, id -> {
                    if (response.closed() || response.ended()) {
                        ctx.vertx().cancelTimer(id);
                    } else {
                        response.write(" ");
                    }
                });
            }
            default -> throw new IllegalArgumentException("not a transport fault: " + fault);
        }
    }
}
