package io.vendsync.simulator;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * Front door of every {@code /api/...} request: counts it, applies injected failures, checks the
 * bearer token, then spends rate-limit budget and stamps the {@code X-RateLimit-*} headers.
 */
final class ApiGate implements Handler<RoutingContext> {
    /** Injected 429s ask for a short wait, so client retry tests do not stall for a whole window. */
    private static final long INJECTED_RETRY_AFTER_SECONDS = 2;

    private final Predicate<String> validToken;
    private final RateLimiter limiter;
    private final FailureInjector failures;
    private final RequestLog requests;
    private final Clock clock;

    /** @param validToken whether a presented bearer token may read the store (personal token, or a live OAuth one) */
    ApiGate(final Predicate<String> validToken, final RateLimiter limiter, final FailureInjector failures,
            final RequestLog requests, final Clock clock) {
        this.validToken = validToken;
        this.limiter = limiter;
        this.failures = failures;
        this.requests = requests;
        this.clock = clock;
    }

    @Override
    public void handle(final RoutingContext ctx) {
        requests.request(clock.instant());
        final long delay = failures.latency().toMillis();
        if (delay > 0) {
            ctx.vertx().setTimer(delay, id -> serve(ctx));
        } else {
            serve(ctx);
        }
    }

    private void serve(final RoutingContext ctx) {
        final Optional<VendFault> fault = failures.nextTransportFault();
        if (fault.isPresent()) {
            TransportFaults.answer(ctx, fault.get());
            return;
        }
        final Optional<FailureInjector.Redirect> redirect = failures.nextRedirect();
        if (redirect.isPresent()) {
            // The same path and query at the armed origin: another host, or this one.
            ctx.response().setStatusCode(redirect.get().status())
                    .putHeader("Location", redirect.get().origin() + ctx.request().uri()).end();
            return;
        }
        final Optional<String> throttle = failures.nextThrottle();
        if (throttle.isPresent()) {
            // Vend sends all three on a 429: the counters say the budget is gone, Retry-After says for how long.
            final RateLimiter.Decision state = limiter.peek();
            stampRateHeaders(ctx.response(), new RateLimiter.Decision(false, state.limit(), 0, state.resetAt()));
            ctx.response().putHeader("Retry-After", throttle.get());
            Responses.json(ctx, 429, Json.error("Too Many Requests", "Rate limiting enforced"));
            return;
        }
        if (failures.nextNonJson()) {
            ctx.response().setStatusCode(200).putHeader("Content-Type", "text/html")
                    .end("<html><body>Down for maintenance</body></html>");
            return;
        }
        final OptionalInt injected = failures.next();
        if (injected.isPresent()) {
            answerInjected(ctx, injected.getAsInt());
            return;
        }
        // Unauthenticated calls have no bucket (Vend counts per retailer per app), so no budget is spent.
        if (!authorized(ctx.request().getHeader("Authorization"))) {
            Responses.error(ctx, 401, "A valid token is required (Authorization: Bearer <token>); an OAuth access token may have expired");
            return;
        }
        final RateLimiter.Decision decision = limiter.acquire();
        stampRateHeaders(ctx.response(), decision);
        if (!decision.allowed()) {
            requests.rateLimited();
            ctx.response().putHeader("Retry-After", HttpDates.format(decision.resetAt()));
            Responses.json(ctx, 429, Json.error("Too Many Requests", "Rate limiting enforced"));
            return;
        }
        ctx.next();
    }

    private void answerInjected(final RoutingContext ctx, final int status) {
        stampRateHeaders(ctx.response(), limiter.peek());
        if (status == 429) {
            ctx.response().putHeader("Retry-After", HttpDates.format(
                    clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(INJECTED_RETRY_AFTER_SECONDS)));
            Responses.json(ctx, 429, Json.error("Too Many Requests", "Rate limiting enforced"));
            return;
        }
        Responses.error(ctx, status, "Injected failure (simulator)");
    }

    private boolean authorized(final String header) {
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return false;
        }
        return validToken.test(header.substring("bearer ".length()).trim());
    }

    private static void stampRateHeaders(final HttpServerResponse response, final RateLimiter.Decision decision) {
        response.putHeader("X-RateLimit-Limit", Integer.toString(decision.limit()));
        response.putHeader("X-RateLimit-Remaining", Integer.toString(decision.remaining()));
        response.putHeader("X-RateLimit-Reset", Json.iso(decision.resetAt()));
    }
}
