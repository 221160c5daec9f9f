package com.switchboard.acs;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * How Switchboard reaches Azure Communication Services.
 *
 * @param connectionString {@code endpoint=https://<resource>.communication.azure.com/;accesskey=<key>}
 * @param trustCertificate a PEM certificate to trust instead of the JVM's trust store; set only in the
 *                         emulator profile, where it is the emulator's self-signed certificate
 * @param callbackUrl      where ACS posts callback events; empty means this node's own
 *                         {@code /api/callbacks} on localhost (enough for the emulator)
 * @param resourceId       the ACS resource's immutable ID (Azure portal: the resource's JSON view); the
 *                         audience of the tokens ACS signs its callbacks with
 * @param cognitiveServicesEndpoint the Azure AI services endpoint ({@code https://<name>.cognitiveservices.azure.com/})
 *                         given to every call Switchboard creates, answers or connects, unless the task names its
 *                         own: text to speech and speech recognition on a call need one
 */
@ConfigurationProperties("switchboard.acs")
public record AcsProperties(String connectionString, Resource trustCertificate, String callbackUrl, String resourceId,
                            String cognitiveServicesEndpoint) {
}
