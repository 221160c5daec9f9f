package com.switchboard.emulator.delivery;

/**
 * The emulated Event Grid subscription for IncomingCall events.
 *
 * @param url the application's webhook, null when there is no subscription
 * @param state {@code none} (no subscription), {@code pending} (not used yet: validated on its first event),
 *     {@code validating}, {@code validated} or {@code failed} (the endpoint failed the validation handshake; events
 *     are dropped until the validation URL is visited or the subscription is set again)
 * @param validationCode the code of the SubscriptionValidationEvent (Event Grid schema), else null
 * @param validationUrl the manual validation URL (a GET validates the subscription), else null
 * @param failure why the validation failed, else null
 */
public record EventGridSubscriptionStatus(
    String url,
    EventGridSchema schema,
    String state,
    String validationCode,
    String validationUrl,
    String failure) {

    public boolean validated() {
        return "validated".equals(state);
    }
}
