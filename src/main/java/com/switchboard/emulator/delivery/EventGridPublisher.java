package com.switchboard.emulator.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.http.DaemonThreads;
import com.switchboard.emulator.model.AcsJson;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The emulated Event Grid system topic of the ACS resource with one webhook subscription: delivers events (the
 * IncomingCall events) to the application the way Event Grid does.
 *
 * <p>A subscription is validated before its first delivery: with the Event Grid schema by a
 * {@code Microsoft.EventGrid.SubscriptionValidationEvent} whose {@code validationCode} the endpoint must echo as
 * {@code {"validationResponse": ...}}; with the CloudEvents schema by the webhook abuse-protection OPTIONS handshake,
 * which the endpoint must answer with {@code WebHook-Allowed-Origin}. Events published meanwhile wait for the
 * outcome. A subscription that fails validation delivers nothing (its events are logged as not delivered) until its
 * manual validation URL is visited or the subscription is set again.
 *
 * <p>Deliveries are retried on the emulator's threads with exponential backoff when the endpoint cannot be reached or
 * answers other than 200-204, except for 400, 403 and 413, which Event Grid does not retry. Every attempted delivery
 * (and handshake) is recorded in the delivery log with the type {@code IncomingCall} (the event name) or
 * {@code SubscriptionValidation} and no call connection id.
 */
public final class EventGridPublisher implements AutoCloseable {

    /** The emulated resource's system topic, as {@code topic} (Event Grid schema) or {@code source} (CloudEvents). */
    public static final String TOPIC = "/subscriptions/6d2f5a1e-3c4b-4e8a-9f70-1b2c3d4e5f60/resourceGroups/"
        + "switchboard-emulator/providers/Microsoft.Communication/communicationServices/acs-emulator";
    static final String SUBSCRIPTION_NAME = "SWITCHBOARD-INCOMING-CALLS";
    static final String ORIGIN = "eventgrid.azure.net";
    static final String VALIDATION_EVENT_TYPE = "Microsoft.EventGrid.SubscriptionValidationEvent";
    private static final System.Logger LOG = System.getLogger(EventGridPublisher.class.getName());
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final ScheduledExecutorService scheduler;
    private final ExecutorService httpExecutor;
    private final HttpClient http;
    private final int attempts;
    private final Duration backoff;
    private final DeliveryLog log;
    private volatile String validationEndpoint = "https://localhost/";
    private volatile boolean closed;
    /** Guarded by this. */
    private Subscription subscription;

    public EventGridPublisher(ScheduledExecutorService scheduler, int attempts, Duration backoff, DeliveryLog log) {
        this.scheduler = scheduler;
        this.attempts = attempts;
        this.backoff = backoff;
        this.log = log;
        this.httpExecutor = Executors.newFixedThreadPool(2, DaemonThreads.named("acs-emulator-eventgrid"));
        this.http = WebhookClient.on(httpExecutor);
    }

    /** The emulator's endpoint, which serves the manual validation URL ({@code /emulator/event-grid/validate}). */
    public void setValidationEndpoint(String endpoint) {
        this.validationEndpoint = endpoint.endsWith("/") ? endpoint : endpoint + "/";
    }

    /** Replaces the subscription; null removes it. A new subscription is validated before its first delivery. */
    public synchronized void subscribe(URI webhook, EventGridSchema schema) {
        subscription = webhook == null ? null : new Subscription(webhook, schema);
    }

    public synchronized EventGridSubscriptionStatus status() {
        if (subscription == null) {
            return new EventGridSubscriptionStatus(null, null, "none", null, null, null);
        }
        Subscription s = subscription;
        return new EventGridSubscriptionStatus(s.webhook.toString(), s.schema, s.state.wireName(),
            s.schema == EventGridSchema.EVENT_GRID ? s.validationCode : null, validationUrl(s), s.failure);
    }

    /**
     * Validates the subscription manually, as a GET on the validation URL of a {@code SubscriptionValidationEvent}
     * does: false when no subscription has that code.
     */
    public boolean validateManually(String validationCode) {
        List<PendingEvent> released;
        Subscription s;
        synchronized (this) {
            s = subscription;
            if (s == null || !s.validationCode.equals(validationCode)) {
                return false;
            }
            released = s.validated();
        }
        released.forEach(event -> deliver(s, event));
        return true;
    }

    /**
     * Publishes an event to the subscription, if any.
     *
     * @param eventType e.g. {@code Microsoft.Communication.IncomingCall}
     * @param subject the event's subject
     * @param data the event's data
     */
    public void publish(String eventType, String subject, ObjectNode data) {
        PendingEvent event = PendingEvent.create(eventType, subject, data);
        Subscription s;
        boolean validate = false;
        boolean deliverNow = false;
        synchronized (this) {
            s = subscription;
            if (s == null) {
                LOG.log(Level.DEBUG, () -> "No Event Grid subscription: " + eventType + " not delivered");
                return;
            }
            switch (s.state) {
                case PENDING -> {
                    s.state = Subscription.State.VALIDATING;
                    s.waiting.add(event);
                    validate = true;
                }
                case VALIDATING -> s.waiting.add(event);
                case FAILED -> {
                    drop(s, event, "the subscription failed validation");
                    return;
                }
                case VALIDATED -> deliverNow = true;
            }
        }
        if (validate) {
            validate(s);
        } else if (deliverNow) {
            deliver(s, event);
        }
    }

    private void validate(Subscription s) {
        if (s.schema == EventGridSchema.EVENT_GRID) {
            ObjectNode event = AcsJson.object();
            event.put("id", s.validationEventId);
            event.put("topic", TOPIC);
            event.put("subject", "");
            ObjectNode data = event.putObject("data");
            data.put("validationCode", s.validationCode);
            data.put("validationUrl", validationUrl(s));
            event.put("eventType", VALIDATION_EVENT_TYPE);
            event.put("eventTime", PendingEvent.now());
            event.put("metadataVersion", "1");
            event.put("dataVersion", "2");
            String body = AcsJson.MAPPER.createArrayNode().add(event).toString();
            send(new Exchange("SubscriptionValidation", s.webhook, body) {
                @Override
                HttpRequest request(int attempt) {
                    return post(s, body, "application/json", attempt)
                        .header("aeg-event-type", "SubscriptionValidation")
                        .header("aeg-data-version", "2")
                        .header("aeg-metadata-version", "1")
                        .build();
                }

                @Override
                String rejection(HttpResponse<String> response) {
                    return echoedCode(response.body()).filter(s.validationCode::equals).isPresent() ? null
                        : "the response did not echo the validation code as {\"validationResponse\": \""
                        + s.validationCode + "\"}: " + abbreviate(response.body());
                }

                @Override
                void done(boolean succeeded, String failure) {
                    validated(s, succeeded, failure);
                }
            });
        } else {
            send(new Exchange("SubscriptionValidation", s.webhook, "") {
                @Override
                HttpRequest request(int attempt) {
                    return HttpRequest.newBuilder(s.webhook)
                        .timeout(REQUEST_TIMEOUT)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("WebHook-Request-Origin", ORIGIN)
                        .header("WebHook-Request-Rate", "120")
                        .build();
                }

                @Override
                boolean succeeded(int status) {
                    return status == 200;
                }

                @Override
                String rejection(HttpResponse<String> response) {
                    Optional<String> allowed = response.headers().firstValue("WebHook-Allowed-Origin");
                    return allowed.filter(origin -> origin.equals(ORIGIN) || origin.equals("*")).isPresent() ? null
                        : "the OPTIONS response did not allow the origin " + ORIGIN + " (WebHook-Allowed-Origin: "
                        + allowed.orElse("missing") + ")";
                }

                @Override
                void done(boolean succeeded, String failure) {
                    validated(s, succeeded, failure);
                }
            });
        }
    }

    private void validated(Subscription s, boolean succeeded, String failure) {
        List<PendingEvent> released;
        synchronized (this) {
            if (s.state != Subscription.State.VALIDATING) {
                return;
            }
            if (succeeded) {
                released = s.validated();
            } else {
                LOG.log(Level.WARNING, () -> "Event Grid subscription " + s.webhook + " failed validation: " + failure);
                s.state = Subscription.State.FAILED;
                s.failure = failure;
                List<PendingEvent> dropped = List.copyOf(s.waiting);
                s.waiting.clear();
                dropped.forEach(event -> drop(s, event, failure));
                return;
            }
        }
        released.forEach(event -> deliver(s, event));
    }

    private void deliver(Subscription s, PendingEvent event) {
        String body = s.schema == EventGridSchema.EVENT_GRID
            ? AcsJson.MAPPER.createArrayNode().add(event.eventGridSchema()).toString()
            : event.cloudEventsSchema().toString();
        send(new Exchange(event.name(), s.webhook, body) {
            @Override
            HttpRequest request(int attempt) {
                if (s.schema == EventGridSchema.EVENT_GRID) {
                    return post(s, body, "application/json; charset=utf-8", attempt)
                        .header("aeg-event-type", "Notification")
                        .header("aeg-data-version", PendingEvent.DATA_VERSION)
                        .header("aeg-metadata-version", "1")
                        .build();
                }
                return post(s, body, "application/cloudevents+json; charset=utf-8", attempt)
                    .header("aeg-event-type", "Notification")
                    .header("WebHook-Request-Origin", ORIGIN)
                    .build();
            }

            @Override
            void done(boolean succeeded, String failure) {
                if (!succeeded) {
                    LOG.log(Level.WARNING, () -> "Dropping Event Grid event " + event.name() + " to " + s.webhook
                        + ": " + failure);
                }
            }
        });
    }

    private static HttpRequest.Builder post(Subscription s, String body, String contentType, int attempt) {
        return HttpRequest.newBuilder(s.webhook)
            .timeout(REQUEST_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", contentType)
            .header("aeg-subscription-name", SUBSCRIPTION_NAME)
            .header("aeg-delivery-count", String.valueOf(attempt - 1));
    }

    private void drop(Subscription s, PendingEvent event, String reason) {
        LOG.log(Level.WARNING, () -> "Event Grid event " + event.name() + " not delivered to " + s.webhook + ": "
            + reason);
        String body = s.schema == EventGridSchema.EVENT_GRID ? event.eventGridSchema().toString()
            : event.cloudEventsSchema().toString();
        log.add(new DeliveredEvent(event.name(), null, s.webhook.toString(), -1, 0, false, body, Instant.now(),
            List.of()));
    }

    private void send(Exchange exchange) {
        attempt(exchange, 1);
    }

    private void attempt(Exchange exchange, int attempt) {
        if (closed) {
            return;
        }
        try {
            http.sendAsync(exchange.request(attempt), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> onAttemptDone(exchange, attempt, response, failure));
        } catch (RuntimeException cannotSend) {
            onAttemptDone(exchange, attempt, null, cannotSend);
        }
    }

    private void onAttemptDone(Exchange exchange, int attempt, HttpResponse<String> response, Throwable failure) {
        int status = response == null ? -1 : response.statusCode();
        if (response != null && exchange.succeeded(status)) {
            String rejection = exchange.rejection(response);
            finish(exchange, status, attempt, rejection == null, rejection);
            return;
        }
        String reason = failure != null ? String.valueOf(failure.getMessage()) : "HTTP " + status;
        boolean retryable = status != 400 && status != 403 && status != 413;
        if (retryable && attempt < attempts && !closed) {
            long delayMillis = backoff.toMillis() << Math.min(attempt - 1, 16);
            try {
                scheduler.schedule(() -> attempt(exchange, attempt + 1), delayMillis, TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException shuttingDown) {
                // finished below
            }
        }
        finish(exchange, status, attempt, false, "the endpoint answered " + reason);
    }

    private void finish(Exchange exchange, int status, int attempt, boolean delivered, String failure) {
        log.add(new DeliveredEvent(exchange.name, null, exchange.target.toString(), status, attempt, delivered,
            exchange.body, Instant.now(), List.of()));
        exchange.done(delivered, failure);
    }

    private String validationUrl(Subscription s) {
        return validationEndpoint + "emulator/event-grid/validate?id=" + s.validationCode;
    }

    private static Optional<String> echoedCode(String body) {
        try {
            JsonNode node = AcsJson.MAPPER.readTree(body == null ? "" : body);
            return node != null && node.path("validationResponse").isTextual()
                ? Optional.of(node.path("validationResponse").asText()) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    private static String abbreviate(String body) {
        String text = body == null || body.isEmpty() ? "(empty body)" : body;
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    @Override
    public void close() {
        closed = true;
        httpExecutor.shutdownNow();
    }

    /** One HTTP exchange with the webhook, retried as Event Grid retries. */
    private abstract static class Exchange {

        final String name;
        final URI target;
        final String body;

        Exchange(String name, URI target, String body) {
            this.name = name;
            this.target = target;
            this.body = body;
        }

        abstract HttpRequest request(int attempt);

        /** Whether the status is a successful delivery (Event Grid: 200-204). */
        boolean succeeded(int status) {
            return status >= 200 && status <= 204;
        }

        /** For a successful status: why the response is still not acceptable, or null when it is. */
        String rejection(HttpResponse<String> response) {
            return null;
        }

        abstract void done(boolean succeeded, String failure);
    }
}
