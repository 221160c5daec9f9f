package com.switchboard.callbacks;

import com.switchboard.webhooks.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Who may deliver a callback: ACS (its signed token) to the URL of one call of one flow (its signature). Both come
 * from the request's headers and query alone, so they are checked before a byte of the body is read.
 */
@Component
public class CallbackAuthenticator {

    private final CallbackTokenVerifier tokens;
    private final CallbackUrls urls;
    private final CallbackAuthenticationProperties settings;

    CallbackAuthenticator(CallbackTokenVerifier tokens, CallbackUrls urls, CallbackAuthenticationProperties settings) {
        this.tokens = tokens;
        this.urls = urls;
        this.settings = settings;
    }

    /** Off only where the emulator profile allows it (security/SafeSettingsCheck refuses it elsewhere). */
    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * @return the flow and call this delivery may be about
     * @throws InvalidCallbackTokenException saying why it is refused, quoting no credential
     */
    public CallbackSender authenticate(HttpServletRequest request) {
        tokens.verify(request.getHeader(HttpHeaders.AUTHORIZATION));
        return urls.verified(QueryParameters.single(request, CallbackUrls.FLOW).orElse(null),
                        QueryParameters.single(request, CallbackUrls.CALL).orElse(null),
                        QueryParameters.single(request, CallbackUrls.SIGNATURE).orElse(null))
                .orElseThrow(() -> new InvalidCallbackTokenException("wrong-url", "The callback URL is not one "
                        + "Switchboard gave ACS: its flow, call or signature is missing or wrong"));
    }
}
