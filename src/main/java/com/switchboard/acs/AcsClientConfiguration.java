package com.switchboard.acs;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.CallAutomationClientBuilder;
import com.azure.communication.common.implementation.HmacAuthenticationPolicy;
import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * One authenticated HTTP pipeline to ACS, shared by the SDK client and by the requests Switchboard sends
 * itself at newer api-versions: HMAC signing, retries with backoff (honouring Retry-After), the
 * repeatability headers of the current action, and TLS that trusts the emulator only where configured.
 */
@Configuration(proxyBeanMethods = false)
class AcsClientConfiguration {

    @Bean
    AcsConnectionString acsConnectionString(AcsProperties properties) {
        return AcsConnectionString.parse(properties.connectionString());
    }

    @Bean
    HttpPipeline acsHttpPipeline(AcsConnectionString connection, AcsProperties properties, MeterRegistry meters) {
        RetryOptions retry = new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(3)
                .setBaseDelay(Duration.ofMillis(500))
                .setMaxDelay(Duration.ofSeconds(8)));
        return new HttpPipelineBuilder()
                .httpClient(httpClient(properties.trustCertificate()))
                .policies(
                        new UserAgentPolicy("switchboard", "switchboard", "0.1", null),
                        new RequestIdPolicy(),
                        new RepeatabilityPolicy(),
                        new RetryPolicy(retry),
                        new RequestMetricsPolicy(meters),
                        new HmacAuthenticationPolicy(new AzureKeyCredential(connection.accessKey())),
                        new HttpLoggingPolicy(new HttpLogOptions()))
                .build();
    }

    @Bean
    CallAutomationClient callAutomationClient(AcsConnectionString connection, HttpPipeline acsHttpPipeline) {
        return new CallAutomationClientBuilder()
                .endpoint(connection.endpoint())
                .pipeline(acsHttpPipeline)
                .buildClient();
    }

    private static HttpClient httpClient(Resource trustCertificate) {
        if (trustCertificate == null) {
            return new NettyAsyncHttpClientBuilder().build();
        }
        SslContext ssl;
        try {
            ssl = SslContextBuilder.forClient().trustManager(TrustedCertificate.trustManagers(trustCertificate)).build();
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot set up TLS trusting " + trustCertificate + ": " + e.getMessage(), e);
        }
        return new NettyAsyncHttpClientBuilder(
                reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(ssl))).build();
    }
}
