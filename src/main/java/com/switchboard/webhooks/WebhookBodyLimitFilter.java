package com.switchboard.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a webhook's body once, after the request is authenticated, within {@link WebhookLimits}: a declared length
 * over the limit is refused before a byte is read, a body without one (chunked) stops being read at the limit, and
 * a body that trickles in is cut off at the read deadline. Either way a problem+json answer (413, 408) and nothing
 * reaches the webhook. The security layer puts it into the webhooks' filter chains, so every spelling of their
 * paths that the firewall lets through passes here; it is not a servlet filter of its own.
 */
public class WebhookBodyLimitFilter extends OncePerRequestFilter {

    private final WebhookLimits limits;
    private final ObjectMapper mapper;

    public WebhookBodyLimitFilter(WebhookLimits limits, ObjectMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = limits.maxBodySize().toBytes();
        if (request.getContentLengthLong() > max) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, "Delivery too large",
                    "The body has " + request.getContentLengthLong() + " bytes; at most " + max + " are accepted");
            return;
        }
        byte[] body;
        try {
            body = read(request.getInputStream(), max, System.nanoTime() + limits.bodyReadTimeout().toNanos());
        } catch (TooLarge e) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, "Delivery too large", "The body is larger than " + max + " bytes");
            return;
        } catch (IOException e) {
            if (!(e instanceof TooSlow || timedOut(e))) {
                throw e;
            }
            response.setHeader("Connection", "close");
            refuse(response, HttpStatus.REQUEST_TIMEOUT, "Delivery too slow", "The body did not arrive within "
                    + limits.bodyReadTimeout().toSeconds() + " s");
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private static byte[] read(InputStream in, long max, long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            body.write(buffer, 0, n);
            if (body.size() > max) {
                throw new TooLarge();
            }
            // Each read waits at most the server's connection timeout; this bounds them all together.
            if (System.nanoTime() > deadline) {
                throw new TooSlow();
            }
        }
        return body.toByteArray();
    }

    /** A read that waited longer than the server's connection timeout for the next bytes. */
    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private void refuse(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }

    private static final class TooLarge extends IOException {
    }

    private static final class TooSlow extends IOException {
    }

    /** The request with its body already read: the webhook reads it from memory. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("The body has been read already");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
