package com.switchboard.acs;

import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** An ACS connection string, {@code endpoint=https://...;accesskey=...}, checked when it is read. */
record AcsConnectionString(String endpoint, String accessKey) {

    static AcsConnectionString parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalStateException("No ACS connection string: set switchboard.acs.connection-string "
                    + "(environment SWITCHBOARD_ACS_CONNECTION_STRING) to endpoint=https://<resource>.communication.azure.com/;accesskey=<key>, "
                    + "or run with the emulator profile");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
            }
        }
        String endpoint = parts.get("endpoint");
        String accessKey = parts.get("accesskey");
        if (endpoint == null || accessKey == null) {
            throw new IllegalStateException("The ACS connection string needs both endpoint=... and accesskey=...");
        }
        URI uri = URI.create(endpoint);
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalStateException("The ACS endpoint must be an https:// URL, got " + endpoint);
        }
        try {
            Base64.getDecoder().decode(accessKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The ACS access key in the connection string is not base64");
        }
        return new AcsConnectionString(endpoint.endsWith("/") ? endpoint : endpoint + "/", accessKey);
    }

    @Override
    public String toString() {
        return "AcsConnectionString[endpoint=" + endpoint + ", accessKey=***]";
    }
}
