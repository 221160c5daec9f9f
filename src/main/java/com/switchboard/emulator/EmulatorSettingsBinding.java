package com.switchboard.emulator;

import com.switchboard.emulator.delivery.EventGridSchema;
import com.switchboard.emulator.faults.Faults;
import com.switchboard.emulator.telephony.PhoneBehaviour;
import com.switchboard.emulator.telephony.PhoneRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Binds {@link EmulatorSettings} from Spring-style properties under {@code switchboard.emulator} (relaxed binding:
 * {@code switchboard.emulator.answer-delay=500ms}, {@code SWITCHBOARD_EMULATOR_ANSWER_DELAY=500ms}, ...).
 *
 * <p>Configured {@code rules} are evaluated before the built-in {@link PhoneRule#DEFAULTS}, so they can override
 * them (a final {@code identity: "*"} rule even replaces the default "everything answers"). Incoming calls:
 * {@code event-grid-url} (the app's webhook, empty for none), {@code event-grid-schema} ({@code EventGrid} or
 * {@code CloudEvents}), {@code incoming-call-timeout} and {@code app-identities} (a list of raw-id globs). Callback
 * tokens: {@code resource-id} (their audience), {@code jwt-issuer} and {@code jwt-lifetime}. The fault plan the
 * emulator starts with: {@code faults.*} ({@link FaultPlan}), all off unless set.
 */
public final class EmulatorSettingsBinding {

    public static final String PREFIX = "switchboard.emulator";

    private EmulatorSettingsBinding() {
    }

    public static EmulatorSettings bind(Binder binder) {
        return binder.bind(PREFIX, Bindable.of(Properties.class)).orElseGet(Properties::new).toSettings();
    }

    /** The bindable form of {@link EmulatorSettings}; unset properties keep the defaults. */
    public static class Properties {

        private static final EmulatorSettings DEFAULTS = EmulatorSettings.defaults();

        private boolean enabled;
        private String bindAddress = DEFAULTS.bindAddress();
        private int port = DEFAULTS.port();
        private String accessKey = DEFAULTS.accessKey();
        private String certificate = DEFAULTS.certificate();
        private String privateKey = DEFAULTS.privateKey();
        private Duration answerDelay = DEFAULTS.answerDelay();
        private Duration ringTimeout = DEFAULTS.ringTimeout();
        private int participantsPageSize = DEFAULTS.participantsPageSize();
        private int callbackAttempts = DEFAULTS.callbackAttempts();
        private Duration callbackBackoff = DEFAULTS.callbackBackoff();
        private int serverThreads = DEFAULTS.serverThreads();
        private List<Rule> rules = new ArrayList<>();
        private String eventGridUrl = DEFAULTS.eventGridUrl();
        private EventGridSchema eventGridSchema = DEFAULTS.eventGridSchema();
        private Duration incomingCallTimeout = DEFAULTS.incomingCallTimeout();
        private List<String> appIdentities = new ArrayList<>(DEFAULTS.appIdentities());
        private String resourceId = DEFAULTS.resourceId();
        private String jwtIssuer = DEFAULTS.jwtIssuer();
        private Duration jwtLifetime = DEFAULTS.jwtLifetime();
        private FaultPlan faults = new FaultPlan();

        EmulatorSettings toSettings() {
            List<PhoneRule> phoneRules = new ArrayList<>();
            rules.forEach(rule ->
                phoneRules.add(new PhoneRule(rule.getIdentity(), rule.getBehaviour(), rule.getAfter())));
            phoneRules.addAll(PhoneRule.DEFAULTS);
            return new EmulatorSettings(bindAddress, port, accessKey, certificate, privateKey, answerDelay, ringTimeout,
                participantsPageSize, callbackAttempts, callbackBackoff, serverThreads, phoneRules, eventGridUrl,
                eventGridSchema, incomingCallTimeout, appIdentities, resourceId, jwtIssuer, jwtLifetime,
                faults.toFaults());
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getBindAddress() {
            return bindAddress;
        }

        public void setBindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getAccessKey() {
            return accessKey;
        }

        public void setAccessKey(String accessKey) {
            this.accessKey = accessKey;
        }

        public String getCertificate() {
            return certificate;
        }

        public void setCertificate(String certificate) {
            this.certificate = certificate;
        }

        public String getPrivateKey() {
            return privateKey;
        }

        public void setPrivateKey(String privateKey) {
            this.privateKey = privateKey;
        }

        public Duration getAnswerDelay() {
            return answerDelay;
        }

        public void setAnswerDelay(Duration answerDelay) {
            this.answerDelay = answerDelay;
        }

        public Duration getRingTimeout() {
            return ringTimeout;
        }

        public void setRingTimeout(Duration ringTimeout) {
            this.ringTimeout = ringTimeout;
        }

        public int getParticipantsPageSize() {
            return participantsPageSize;
        }

        public void setParticipantsPageSize(int participantsPageSize) {
            this.participantsPageSize = participantsPageSize;
        }

        public int getCallbackAttempts() {
            return callbackAttempts;
        }

        public void setCallbackAttempts(int callbackAttempts) {
            this.callbackAttempts = callbackAttempts;
        }

        public Duration getCallbackBackoff() {
            return callbackBackoff;
        }

        public void setCallbackBackoff(Duration callbackBackoff) {
            this.callbackBackoff = callbackBackoff;
        }

        public int getServerThreads() {
            return serverThreads;
        }

        public void setServerThreads(int serverThreads) {
            this.serverThreads = serverThreads;
        }

        public String getEventGridUrl() {
            return eventGridUrl;
        }

        public void setEventGridUrl(String eventGridUrl) {
            this.eventGridUrl = eventGridUrl;
        }

        public EventGridSchema getEventGridSchema() {
            return eventGridSchema;
        }

        public void setEventGridSchema(EventGridSchema eventGridSchema) {
            this.eventGridSchema = eventGridSchema;
        }

        public Duration getIncomingCallTimeout() {
            return incomingCallTimeout;
        }

        public void setIncomingCallTimeout(Duration incomingCallTimeout) {
            this.incomingCallTimeout = incomingCallTimeout;
        }

        public List<String> getAppIdentities() {
            return appIdentities;
        }

        public void setAppIdentities(List<String> appIdentities) {
            this.appIdentities = appIdentities;
        }

        public String getResourceId() {
            return resourceId;
        }

        public void setResourceId(String resourceId) {
            this.resourceId = resourceId;
        }

        public String getJwtIssuer() {
            return jwtIssuer;
        }

        public void setJwtIssuer(String jwtIssuer) {
            this.jwtIssuer = jwtIssuer;
        }

        public Duration getJwtLifetime() {
            return jwtLifetime;
        }

        public void setJwtLifetime(Duration jwtLifetime) {
            this.jwtLifetime = jwtLifetime;
        }

        public FaultPlan getFaults() {
            return faults;
        }

        public void setFaults(FaultPlan faults) {
            this.faults = faults;
        }

        public List<Rule> getRules() {
            return rules;
        }

        public void setRules(List<Rule> rules) {
            this.rules = rules;
        }
    }

    /** The bindable form of a {@link PhoneRule}. */
    public static class Rule {

        private String identity;
        private PhoneBehaviour behaviour = PhoneBehaviour.ANSWER;
        private Duration after;

        public String getIdentity() {
            return identity;
        }

        public void setIdentity(String identity) {
            this.identity = identity;
        }

        public PhoneBehaviour getBehaviour() {
            return behaviour;
        }

        public void setBehaviour(PhoneBehaviour behaviour) {
            this.behaviour = behaviour;
        }

        public Duration getAfter() {
            return after;
        }

        public void setAfter(Duration after) {
            this.after = after;
        }
    }

    /**
     * The bindable form of {@link Faults}: {@code duplicate-probability}, {@code reorder-probability},
     * {@code max-hold}, {@code delay}, {@code delay-jitter}, {@code fail-first-attempt-probability},
     * {@code deliver-before-response}, {@code action-fault-probability}, {@code action-fault-statuses},
     * {@code retry-after}, {@code fail-next-actions} and {@code seed}.
     */
    public static class FaultPlan {

        private static final Faults NONE = Faults.NONE;

        private double duplicateProbability;
        private double reorderProbability;
        private Duration maxHold = NONE.maxHold();
        private Duration delay = NONE.delay();
        private Duration delayJitter = NONE.delayJitter();
        private double failFirstAttemptProbability;
        private boolean deliverBeforeResponse;
        private double actionFaultProbability;
        private List<Integer> actionFaultStatuses = new ArrayList<>(NONE.actionFaultStatuses());
        private Duration retryAfter = NONE.retryAfter();
        private int failNextActions;
        private Long seed;

        Faults toFaults() {
            return new Faults(duplicateProbability, reorderProbability, maxHold, delay, delayJitter,
                failFirstAttemptProbability, deliverBeforeResponse, actionFaultProbability, actionFaultStatuses,
                retryAfter, failNextActions, seed);
        }

        public double getDuplicateProbability() {
            return duplicateProbability;
        }

        public void setDuplicateProbability(double duplicateProbability) {
            this.duplicateProbability = duplicateProbability;
        }

        public double getReorderProbability() {
            return reorderProbability;
        }

        public void setReorderProbability(double reorderProbability) {
            this.reorderProbability = reorderProbability;
        }

        public Duration getMaxHold() {
            return maxHold;
        }

        public void setMaxHold(Duration maxHold) {
            this.maxHold = maxHold;
        }

        public Duration getDelay() {
            return delay;
        }

        public void setDelay(Duration delay) {
            this.delay = delay;
        }

        public Duration getDelayJitter() {
            return delayJitter;
        }

        public void setDelayJitter(Duration delayJitter) {
            this.delayJitter = delayJitter;
        }

        public double getFailFirstAttemptProbability() {
            return failFirstAttemptProbability;
        }

        public void setFailFirstAttemptProbability(double failFirstAttemptProbability) {
            this.failFirstAttemptProbability = failFirstAttemptProbability;
        }

        public boolean isDeliverBeforeResponse() {
            return deliverBeforeResponse;
        }

        public void setDeliverBeforeResponse(boolean deliverBeforeResponse) {
            this.deliverBeforeResponse = deliverBeforeResponse;
        }

        public double getActionFaultProbability() {
            return actionFaultProbability;
        }

        public void setActionFaultProbability(double actionFaultProbability) {
            this.actionFaultProbability = actionFaultProbability;
        }

        public List<Integer> getActionFaultStatuses() {
            return actionFaultStatuses;
        }

        public void setActionFaultStatuses(List<Integer> actionFaultStatuses) {
            this.actionFaultStatuses = actionFaultStatuses;
        }

        public Duration getRetryAfter() {
            return retryAfter;
        }

        public void setRetryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }

        public int getFailNextActions() {
            return failNextActions;
        }

        public void setFailNextActions(int failNextActions) {
            this.failNextActions = failNextActions;
        }

        public Long getSeed() {
            return seed;
        }

        public void setSeed(Long seed) {
            this.seed = seed;
        }
    }
}
