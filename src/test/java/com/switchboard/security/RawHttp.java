package com.switchboard.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written by hand, for what no HTTP client sends: a path exactly as given (no normalising, no encoding),
 * a declared length that is never sent, a body that trickles in, a request from another loopback address.
 */
final class RawHttp {

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final int port;
    private final String localAddress;

    RawHttp(int port) {
        this(port, null);
    }

    private RawHttp(int port, String localAddress) {
        this.port = port;
        this.localAddress = localAddress;
    }

    /** Requests from another client address (any of 127.0.0.0/8 reaches the server on 127.0.0.1). */
    RawHttp from(String loopbackAddress) {
        return new RawHttp(port, loopbackAddress);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Response get(String target, String... headers) throws IOException {
        return exchange("GET " + target + " HTTP/1.1\r\n" + headers(headers) + "Connection: close\r\n\r\n", null);
    }

    Response post(String target, String body, String... headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return exchange("POST " + target + " HTTP/1.1\r\n" + headers(headers) + "Content-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n", bytes);
    }

    /** A request line and headers (the head ends the headers itself), then exactly these bytes, then the answer. */
    Response exchange(String head, byte[] body) throws IOException {
        try (Socket socket = open(Duration.ofSeconds(20))) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    Socket open(Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        }
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        return socket;
    }

    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("The server closed the connection without an answer");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (first, next) -> first + "\n" + next);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; line(in)) {
                    body.write(in.readNBytes(size));
                }
            } else if (headers.containsKey("content-length")) {
                body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else if (status != 204 && status != 304) {
                in.transferTo(body);
            }
        } catch (SocketTimeoutException | NumberFormatException e) {
            // the answer's head is what the tests look at; a body cut short is kept as far as it came
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String headers(String... headers) {
        StringBuilder text = new StringBuilder("Host: localhost\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        return text.toString();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1).replaceAll("\r$", "");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
