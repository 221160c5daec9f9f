package com.switchboard.emulator.calling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.delivery.CallbackTokenIssuer;
import com.switchboard.emulator.http.ApiRequest;
import com.switchboard.emulator.http.ApiResponse;
import com.switchboard.emulator.http.Endpoint;
import com.switchboard.emulator.model.AcsJson;
import java.util.regex.Pattern;

/**
 * The two unauthenticated documents ACS publishes for verifying its callback tokens, at the service's own paths:
 * <ul>
 *   <li>{@code GET /calling/.well-known/acsopenidconfiguration}: the OpenID discovery document with
 *   {@code issuer} and {@code jwks_uri}</li>
 *   <li>{@code GET /calling/keys}: the public JWK set ({@code {"keys": [...]}})</li>
 * </ul>
 * The {@code jwks_uri} names the host the request was sent to ({@code Host} header), so it also resolves for a
 * client that reaches the emulator under another name (e.g. {@code emulator} in docker-compose).
 */
public final class OpenIdApi implements Endpoint {

    /** Where ACS publishes the OpenID configuration for its callback tokens. */
    public static final String OPENID_CONFIGURATION_PATH = "/calling/.well-known/acsopenidconfiguration";
    /** Where ACS publishes the JWK set of its callback signing keys. */
    public static final String KEYS_PATH = "/calling/keys";

    /** A host name or address with an optional port: nothing that could change the URL's meaning. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+](:\\d{1,5})?");

    private final CallbackTokenIssuer tokens;
    private final String defaultHost;

    /** @param defaultHost host and port for the {@code jwks_uri} when a request has no usable Host header */
    public OpenIdApi(CallbackTokenIssuer tokens, String defaultHost) {
        this.tokens = tokens;
        this.defaultHost = defaultHost;
    }

    /** Exactly the two GETs; every other request under {@code /calling/} stays with the signed Call Automation API. */
    @Override
    public boolean serves(ApiRequest request) {
        return "GET".equals(request.method())
            && (OPENID_CONFIGURATION_PATH.equals(request.rawPath())
                || KEYS_PATH.equals(request.rawPath()));
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (KEYS_PATH.equals(request.rawPath())) {
            return ApiResponse.json(200, AcsJson.MAPPER.valueToTree(tokens.publicKeys().toJSONObject(true)));
        }
        String host = request.header("host").filter(value -> HOST.matcher(value).matches()).orElse(defaultHost);
        ObjectNode configuration = AcsJson.object();
        configuration.put("issuer", tokens.issuer());
        configuration.put("jwks_uri", "https://" + host + KEYS_PATH);
        configuration.putArray("response_types_supported").add("id_token");
        configuration.putArray("subject_types_supported").add("public");
        configuration.putArray("id_token_signing_alg_values_supported").add("RS256");
        return ApiResponse.json(200, configuration);
    }
}
