package com.switchboard.emulator.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds the server's TLS context from a PEM certificate (chain) and a PKCS#8 PEM private key. */
public final class TlsContexts {

    private static final String CLASSPATH_PREFIX = "classpath:";
    private static final char[] NO_PASSWORD = new char[0];

    private TlsContexts() {
    }

    /**
     * @param certificateLocation {@code classpath:...} or a file path of the PEM certificate
     * @param privateKeyLocation {@code classpath:...} or a file path of the PKCS#8 PEM key (RSA or EC)
     */
    public static SSLContext fromPem(String certificateLocation, String privateKeyLocation) {
        try {
            Certificate[] chain = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(read(certificateLocation)))
                .toArray(Certificate[]::new);
            PrivateKey key = privateKey(new String(read(privateKeyLocation), StandardCharsets.US_ASCII));
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("emulator", key, NO_PASSWORD, chain);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, NO_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the emulator's TLS certificate " + certificateLocation
                + " and key " + privateKeyLocation, e);
        }
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new InvalidKeySpecException("The private key must be a PKCS#8 PEM ('BEGIN PRIVATE KEY')");
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (InvalidKeySpecException notRsa) {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        }
    }

    private static byte[] read(String location) throws IOException {
        if (location.startsWith(CLASSPATH_PREFIX)) {
            String resource = location.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/", "");
            try (InputStream in = TlsContexts.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("Classpath resource not found: " + resource);
                }
                return in.readAllBytes();
            }
        }
        try {
            return Files.readAllBytes(Path.of(location));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
