package com.switchboard;

import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.emulator.AcsEmulator;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Posts callback deliveries to a flow's callback URL for a call, with the emulator's ACS token, as ACS would: the one
 * way tests sign a callback they post themselves. Tests of forged or malformed deliveries write their own requests.
 */
public record SignedCallbacks(TestRestTemplate http, CallbackUrls callbackUrls, AcsEmulator emulator) {

    public ResponseEntity<String> post(String flowId, String callKey, String body) {
        return post(flowId, callKey, body, MediaType.APPLICATION_JSON);
    }

    /** The same with another content type (ACS sends application/json; a test may check what else is taken). */
    public ResponseEntity<String> post(String flowId, String callKey, String body, MediaType contentType) {
        return postTo(callbackUrls.forCall(flowId, callKey).url(), body, contentType);
    }

    /** To a callback URL as given, signed or forged by the test. */
    public ResponseEntity<String> postTo(String url, String body) {
        return postTo(url, body, MediaType.APPLICATION_JSON);
    }

    private ResponseEntity<String> postTo(String url, String body, MediaType contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(contentType);
        headers.setBearerAuth(emulator.issueCallbackToken());
        return http.postForEntity(url, new HttpEntity<>(body, headers), String.class);
    }
}
