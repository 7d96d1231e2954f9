package io.vendsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.RoutingContext;

/** Writes Vend-style JSON answers, including the {@code {"error","message"}} error body. */
final class Responses {
    private Responses() {
    }

    static void json(final RoutingContext ctx, final int status, final JsonNode body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(Json.write(body));
    }

    static void error(final RoutingContext ctx, final int status, final String message) {
        json(ctx, status, Json.error(HttpResponseStatus.valueOf(status).reasonPhrase(), message));
    }
}
