package com.switchboard.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** The security layer's answers, problem+json like every other error of Switchboard. */
final class Problems {

    private final ObjectMapper mapper;

    Problems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        write(response, problem(status, title, detail));
    }

    void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }

    /** 429: a client that got too many passwords wrong waits; Retry-After says how long. */
    void throttled(HttpServletResponse response, Duration wait) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many wrong passwords",
                "Too many wrong passwords from this address: try again in " + seconds + " s");
    }

    /** 400 for a URL or headers the firewall or the web server refused before any rule or route saw them. */
    static ProblemDetail malformedRequest() {
        return problem(HttpStatus.BAD_REQUEST, "Request refused", "The request's URL or headers are ambiguous or malformed");
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
