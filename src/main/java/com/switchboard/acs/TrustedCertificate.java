package com.switchboard.acs;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.core.io.Resource;

/**
 * TLS that trusts exactly one PEM certificate (the emulator's, in the emulator profile), for every HTTPS
 * connection Switchboard makes to ACS: actions, and the signing keys of callbacks.
 */
public final class TrustedCertificate {

    private TrustedCertificate() {
    }

    /** An SSL context trusting only the given certificate; the JVM's default when it is null. */
    public static SSLContext sslContext(Resource pemCertificate) {
        try {
            if (pemCertificate == null) {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(pemCertificate).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS trusting " + pemCertificate + ": " + e.getMessage(), e);
        }
    }

    /** Trust managers that trust only the certificates of the PEM file. */
    public static TrustManagerFactory trustManagers(Resource pemCertificate) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream pem = pemCertificate.getInputStream()) {
                int index = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                    trust.setCertificateEntry("trusted-" + index++, certificate);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS trusting " + pemCertificate + ": " + e.getMessage(), e);
        }
    }
}
