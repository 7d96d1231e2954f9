package io.vendsync.ingest.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.runtime.logging.PayloadMasker;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Vend webhooks: a form-encoded POST whose {@code payload} field holds the changed object as
 * API 1.0 JSON. Vend wants a 2xx within 5 s, so the receiver only checks the request and triggers a
 * cursor read of the collections the type touches; it never calls Vend or waits for Kafka on the way.
 * Bad requests get a 4xx with a clear message and are recorded on the ingest-error topic.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORM = "application/x-www-form-urlencoded";
    /** The form fields the receiver reads; each must come at most once. */
    private static final Set<String> FIELDS_READ = Set.of("payload", "type");

    /** Where a rejected webhook is recorded: (code, reason, content type, body). */
    public interface RejectRecorder {
        void reject(String code, String reason, String contentType, String body);

        /**
         * Records through {@code delegate} with personal data masked as the integration log masks it: a form's
         * {@code payload} (a Vend record: a customer's name, email, phone) by its JSON fields, any other body whole.
         */
        static RejectRecorder masking(final RejectRecorder delegate, final PayloadMasker masker) {
            return (code, reason, contentType, body) -> delegate.reject(code, reason, contentType,
                    body == null || !masker.masksAnything() ? body : FormBody.masked(body, contentType, masker));
        }
    }

    private final HttpServer server;
    private final AtomicLong accepted;
    private final AtomicLong rejected;

    private WebhookReceiver(final HttpServer server, final AtomicLong accepted, final AtomicLong rejected) {
        this.server = server;
        this.accepted = accepted;
        this.rejected = rejected;
    }

    /**
     * @param trigger receives (entity, reason) for each collection a webhook makes worth re-reading
     */
    public static WebhookReceiver start(final Vertx vertx, final String host, final int port, final String path,
                                        final int bodyMaxBytes, final WebhookSignature signature,
                                        final BiConsumer<String, String> trigger, final RejectRecorder recorder) {
        final Router router = Router.router(vertx);
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final Handler handler = new Handler(signature, trigger, recorder, accepted, rejected);
        final String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        router.post(base + "*").handler(BodyHandler.create(false).setBodyLimit(bodyMaxBytes).setMergeFormAttributes(false));
        router.post(base).handler(ctx -> handler.handle(ctx, null));
        router.post(base + "/:type").handler(ctx -> handler.handle(ctx, ctx.pathParam("type")));
        router.route(base + "*").failureHandler(ctx -> {
            final int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            final String code = status == 413 ? "BODY_TOO_LARGE" : "REQUEST_FAILED";
            final String reason = status == 413
                    ? "Webhook body is larger than " + bodyMaxBytes + " bytes"
                    : "Webhook request failed: " + (ctx.failure() == null ? status : ctx.failure().getMessage());
            recorder.reject(code, reason, ctx.request().getHeader("Content-Type"), null);
            rejected.incrementAndGet();
            respond(ctx, status, code, reason);
        });
        final HttpServer server = vertx.createHttpServer().requestHandler(router);
        try {
            server.listen(port, host).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the webhook receiver on " + host + ":" + port, e);
        }
        final WebhookReceiver receiver = new WebhookReceiver(server, accepted, rejected);
        LOG.info("Webhook receiver listening on {}:{}{}", host, server.actualPort(), base);
        return receiver;
    }

    public int port() {
        return server.actualPort();
    }

    public long accepted() {
        return accepted.get();
    }

    public long rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Webhook receiver did not close cleanly", e);
        }
    }

    private static void respond(final RoutingContext ctx, final int status, final String error, final String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", error).put("message", message).encode());
    }

    /** Checks one webhook; one instance per receiver. */
    private static final class Handler {
        private final WebhookSignature signature;
        private final BiConsumer<String, String> trigger;
        private final RejectRecorder recorder;
        private final AtomicLong accepted;
        private final AtomicLong rejected;

        Handler(final WebhookSignature signature, final BiConsumer<String, String> trigger, final RejectRecorder recorder,
                final AtomicLong accepted, final AtomicLong rejected) {
            this.signature = signature;
            this.trigger = trigger;
            this.recorder = recorder;
            this.accepted = accepted;
            this.rejected = rejected;
        }

        void handle(final RoutingContext ctx, final String typeFromPath) {
            final String contentType = ctx.request().getHeader("Content-Type");
            final String body = ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(StandardCharsets.UTF_8);
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
                reject(ctx, 415, "UNSUPPORTED_CONTENT_TYPE",
                        "Vend webhooks are " + FORM + " with a 'payload' field; got Content-Type " + contentType, contentType, body);
                return;
            }
            if (signature != null && !signature.verify(ctx.request().getHeader("X-Signature"),
                    body.getBytes(StandardCharsets.UTF_8))) {
                // Not recorded with its body: an unsigned request is not Vend's, and may be hostile.
                reject(ctx, 401, "SIGNATURE_INVALID", "Missing or invalid X-Signature", contentType, null);
                return;
            }
            final FormBody form;
            try {
                form = FormBody.parse(body);
            } catch (IllegalArgumentException e) {
                reject(ctx, 400, "FORM_MALFORMED", "Body is not valid form encoding: " + e.getMessage(), contentType, body);
                return;
            }
            final Set<String> ambiguous = new TreeSet<>(form.repeated());
            ambiguous.retainAll(FIELDS_READ);
            if (!ambiguous.isEmpty()) {
                // Two payloads (or types) leave no way to tell which one Vend meant: refused like any malformed delivery.
                reject(ctx, 400, "FIELD_REPEATED", "Form field(s) " + ambiguous + " appear more than once; a Vend webhook "
                        + "carries each once", contentType, body);
                return;
            }
            final String typeName = typeFromPath != null ? typeFromPath : form.get("type");
            final boolean named = typeName != null && !typeName.isBlank();
            final Optional<WebhookType> namedType = named ? WebhookType.fromWireName(typeName) : Optional.empty();
            final String payload = form.get("payload");
            if (payload == null || payload.isBlank()) {
                reject(ctx, 400, "PAYLOAD_MISSING", "Form field 'payload' is missing or empty", contentType, body);
                return;
            }
            final JsonNode object;
            try {
                object = JSON.readTree(payload);
            } catch (JsonProcessingException e) {
                reject(ctx, 400, "PAYLOAD_NOT_JSON", "Form field 'payload' is not JSON: " + e.getOriginalMessage(), contentType, body);
                return;
            }
            if (object == null || !object.isObject()) {
                reject(ctx, 400, "PAYLOAD_NOT_OBJECT", "Form field 'payload' must be a JSON object", contentType, body);
                return;
            }
            // Vend guarantees only 'payload' (docs: other fields "may be present but are not guaranteed"), so a webhook
            // posted to the bare path without a 'type' field is read by its payload's shape, and one whose shape says
            // nothing re-reads every collection a webhook can touch: it is only a trigger, and one read each is cheap.
            // A type Vend added after this release (the list has grown before) or a mistyped registration is taken the
            // same way and recorded, not refused: a 4xx would have Vend retry it for two days and read nothing.
            final Optional<WebhookType> type = namedType.isPresent() ? namedType : WebhookType.inferFrom(object);
            if (named && namedType.isEmpty()) {
                final String read = type.map(t -> "read as " + t.wireName() + " by its payload's shape")
                        .orElse("every collection a webhook can touch is read again");
                LOG.warn("Webhook of unknown type '{}' accepted: {}", typeName, read);
                recorder.reject("UNKNOWN_TYPE", "Unknown webhook type '" + typeName + "', accepted as a trigger: " + read,
                        contentType, null);
            }
            final String reason = "webhook " + type.map(WebhookType::wireName).orElse("(type unknown)") + " "
                    + object.path("id").asText("?") + " v" + object.path("version").asText("?");
            (type.isPresent() ? type.get().entities() : WebhookType.allEntities())
                    .forEach(entity -> trigger.accept(entity, "webhook"));
            accepted.incrementAndGet();
            LOG.debug("Accepted {}", reason);
            ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end("{\"status\":\"accepted\"}");
        }

        private void reject(final RoutingContext ctx, final int status, final String code, final String reason,
                            final String contentType, final String body) {
            rejected.incrementAndGet();
            LOG.warn("Rejected webhook ({} {}): {}", status, code, reason);
            recorder.reject(code, reason, contentType, body);
            respond(ctx, status, code, reason);
        }
    }
}
