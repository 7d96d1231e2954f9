package io.vendsync.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /api/1.0/token} (reference 2.2): form-encoded {@code refresh_token}, {@code client_id},
 * {@code client_secret}, {@code grant_type=refresh_token}. Mounted before the API gate: the endpoint takes no
 * bearer token and Vend limits it separately, so it spends none of the store's API budget.
 */
final class TokenRoute {
    private final OAuthAuthority authority;
    private final String domainPrefix;
    private final AtomicLong requests = new AtomicLong();

    /** @param authority null when the store has no OAuth app: every refresh is refused */
    TokenRoute(final OAuthAuthority authority, final String domainPrefix) {
        this.authority = authority;
        this.domainPrefix = domainPrefix;
    }

    void mount(final Router router) {
        router.post("/api/1.0/token").handler(this::token);
    }

    long requests() {
        return requests.get();
    }

    private void token(final RoutingContext ctx) {
        requests.incrementAndGet();
        final String contentType = String.valueOf(ctx.request().getHeader("Content-Type"));
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            Responses.json(ctx, 400, Json.error("invalid_request", "The token endpoint takes application/x-www-form-urlencoded"));
            return;
        }
        if (authority == null) {
            Responses.json(ctx, 401, Json.error("invalid_client", "No OAuth app is authorised for this store"));
            return;
        }
        try {
            final OAuthAuthority.Grant grant = authority.refresh(ctx.request().getFormAttribute("grant_type"),
                    ctx.request().getFormAttribute("client_id"), ctx.request().getFormAttribute("client_secret"),
                    ctx.request().getFormAttribute("refresh_token"));
            final ObjectNode body = Json.object();
            body.put("access_token", grant.accessToken());
            body.put("token_type", "Bearer");
            body.put("expires", grant.expires().getEpochSecond());
            body.put("expires_in", grant.expiresInSeconds());
            body.put("refresh_token", grant.refreshToken());
            body.put("domain_prefix", domainPrefix);
            Responses.json(ctx, 200, body);
        } catch (final OAuthAuthority.Refused e) {
            Responses.json(ctx, e.status(), Json.error(e.error(), e.getMessage()));
        }
    }
}
