package com.switchboard.callbacks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How callbacks prove they come from ACS: an RS256 bearer token, checked against the keys ACS publishes.
 *
 * @param enabled                switch off only to debug; then anyone who knows the URL can drive calls
 * @param openidConfigurationUrl the OpenID configuration that names the signing keys (jwks_uri)
 * @param issuer                 the issuer the tokens must name
 * @param clockSkew              tolerance for the token's time window
 */
@ConfigurationProperties("switchboard.callbacks.authentication")
public record CallbackAuthenticationProperties(boolean enabled, String openidConfigurationUrl, String issuer,
                                               Duration clockSkew) {
}
