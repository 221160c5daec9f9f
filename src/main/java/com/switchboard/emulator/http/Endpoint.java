package com.switchboard.emulator.http;

/** One API the emulator's server serves: it tells which requests are its own, and answers them. */
public interface Endpoint {

    boolean serves(ApiRequest request);

    /**
     * @throws com.switchboard.emulator.model.AcsApiException answered as the ACS error it describes
     */
    ApiResponse handle(ApiRequest request);
}
