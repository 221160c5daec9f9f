package com.switchboard.correlation;

import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.emulator.AcsEmulator;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Posts callback deliveries to a flow's callback URL for a call, with the emulator's ACS token, as ACS would. */
record SignedCallbacks(TestRestTemplate http, CallbackUrls callbackUrls, AcsEmulator emulator) {

    ResponseEntity<String> post(String flowId, String callKey, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(emulator.issueCallbackToken());
        return http.postForEntity(callbackUrls.forCall(flowId, callKey).url(), new HttpEntity<>(body, headers), String.class);
    }
}
