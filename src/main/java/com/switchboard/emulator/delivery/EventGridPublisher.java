package com.switchboard.emulator.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.model.AcsJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Deliveries are retried by the {@link WebhookSender} with exponential backoff when the endpoint cannot be reached
 * or answers other than 200-204, except for 400, 403 and 413, which Event Grid does not retry. Every attempted delivery
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
    private static final Logger LOG = LoggerFactory.getLogger(EventGridPublisher.class);

    private final WebhookSender sender;
    private final DeliveryLog log;
    private volatile String validationEndpoint = "https://localhost/";
    /** Guarded by this. */
    private Subscription subscription;

    public EventGridPublisher(ScheduledExecutorService scheduler, int attempts, Duration backoff, DeliveryLog log) {
        this.sender = new WebhookSender("acs-emulator-eventgrid", 2, scheduler, attempts, backoff);
        this.log = log;
    }

    /** The emulator's endpoint, which serves the manual validation URL ({@code /emulator/event-grid/validate}). */
    public void setValidationEndpoint(String endpoint) {
        this.validationEndpoint = endpoint.endsWith("/") ? endpoint : endpoint + "/";
    }

    /**
     * Replaces the subscription; a null or blank URL removes it. A new subscription is validated before its first
     * delivery.
     *
     * @param schema null for {@link EventGridSchema#EVENT_GRID}
     * @throws IllegalArgumentException when the URL is not an absolute http(s) URL
     */
    public void subscribe(String url, EventGridSchema schema) {
        URI webhook = url == null || url.isBlank() ? null : URI.create(requireWebhook(url.trim()));
        synchronized (this) {
            subscription = webhook == null ? null
                : new Subscription(webhook, schema == null ? EventGridSchema.EVENT_GRID : schema);
        }
    }

    /** An absolute http(s) URL, as Event Grid webhooks are; else an {@link IllegalArgumentException}. */
    public static String requireWebhook(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The Event Grid webhook is not a valid URL: " + url, e);
        }
        if (uri.getHost() == null
            || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("The Event Grid webhook must be an absolute http(s) URL: " + url);
        }
        return url;
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
                LOG.debug("No Event Grid subscription: {} not delivered", eventType);
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
            sender.send(new Exchange("SubscriptionValidation", s.webhook, body) {
                @Override
                public HttpRequest request(int attempt) {
                    return post(s, body, "application/json", attempt)
                        .header("aeg-event-type", "SubscriptionValidation")
                        .header("aeg-data-version", "2")
                        .header("aeg-metadata-version", "1")
                        .build();
                }

                @Override
                public String rejection(HttpResponse<String> response) {
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
            sender.send(new Exchange("SubscriptionValidation", s.webhook, "") {
                @Override
                public HttpRequest request(int attempt) {
                    return HttpRequest.newBuilder(s.webhook)
                        .timeout(WebhookSender.REQUEST_TIMEOUT)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("WebHook-Request-Origin", ORIGIN)
                        .header("WebHook-Request-Rate", "120")
                        .build();
                }

                @Override
                public boolean delivers(int status) {
                    return status == 200;
                }

                @Override
                public String rejection(HttpResponse<String> response) {
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
                LOG.warn("Event Grid subscription {} failed validation: {}", s.webhook, failure);
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
        sender.send(new Exchange(event.name(), s.webhook, body) {
            @Override
            public HttpRequest request(int attempt) {
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
                    LOG.warn("Dropping Event Grid event {} to {}: {}", event.name(), s.webhook, failure);
                }
            }
        });
    }

    private static HttpRequest.Builder post(Subscription s, String body, String contentType, int attempt) {
        return HttpRequest.newBuilder(s.webhook)
            .timeout(WebhookSender.REQUEST_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", contentType)
            .header("aeg-subscription-name", SUBSCRIPTION_NAME)
            .header("aeg-delivery-count", String.valueOf(attempt - 1));
    }

    private void drop(Subscription s, PendingEvent event, String reason) {
        LOG.warn("Event Grid event {} not delivered to {}: {}", event.name(), s.webhook, reason);
        String body = s.schema == EventGridSchema.EVENT_GRID ? event.eventGridSchema().toString()
            : event.cloudEventsSchema().toString();
        log.add(new DeliveredEvent(event.name(), null, s.webhook.toString(), -1, 0, false, body, Instant.now(),
            List.of()));
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
        sender.close();
    }

    /**
     * One HTTP exchange with the webhook, retried as Event Grid retries: on no answer and on any status but 200-204,
     * except 400, 403 and 413. Every exchange is recorded in the delivery log once it is over.
     */
    private abstract class Exchange implements WebhookSender.Exchange {

        private final String name;
        private final URI target;
        private final String body;

        Exchange(String name, URI target, String body) {
            this.name = name;
            this.target = target;
            this.body = body;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public URI target() {
            return target;
        }

        @Override
        public boolean delivers(int status) {
            return status >= 200 && status <= 204;
        }

        @Override
        public boolean retryable(int status) {
            return status != 400 && status != 403 && status != 413;
        }

        @Override
        public final void done(WebhookSender.Outcome outcome) {
            log.add(new DeliveredEvent(name, null, target.toString(), outcome.status(), outcome.attempts(),
                outcome.delivered(), body, Instant.now(), List.of()));
            done(outcome.delivered(), outcome.delivered() ? null
                : outcome.rejection() != null ? outcome.rejection() : "the endpoint answered " + outcome.failure());
        }

        abstract void done(boolean succeeded, String failure);
    }
}
