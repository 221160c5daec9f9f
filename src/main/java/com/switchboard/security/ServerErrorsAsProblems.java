package com.switchboard.security;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Errors the web server answers itself, before Spring sees the request, in problem+json like every other error of
 * Switchboard rather than Tomcat's HTML page: Tomcat refuses an encoded {@code /}, {@code \} or NUL in a URL with
 * 400 while it parses the request, so neither the firewall nor the error controller ever runs for it.
 *
 * <p>The host's error report valve (the one Spring Boot configures, without server details or stack traces) is
 * replaced by one that writes the same problem the firewall writes for an ambiguous URL. Ordered last, so it runs
 * after Spring Boot's own customizer has added its valve.
 */
@Component
class ServerErrorsAsProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final Problems problems;

    ServerErrorsAsProblems(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Host host = (Host) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemValve)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemValve(problems));
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(ProblemValve.class.getName()); // so the host adds no other at start
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Writes the response's error status as problem+json; nothing when a body was written already. */
    static final class ProblemValve extends ErrorReportValve {

        private static final Logger log = LoggerFactory.getLogger(ServerErrorsAsProblems.class);

        private final Problems problems;

        ProblemValve(Problems problems) {
            this.problems = problems;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean writable = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
            if (!writable.get()) {
                return; // the connection is gone: nobody would read it
            }
            try {
                problems.write(response, problem(status));
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                log.debug("Could not write the {} problem for {}", status, request.getRequestURI(), e);
            }
        }

        private static ProblemDetail problem(int status) {
            if (status == HttpStatus.BAD_REQUEST.value()) {
                return Problems.malformedRequest();
            }
            HttpStatus known = HttpStatus.resolve(status);
            ProblemDetail problem = ProblemDetail.forStatus(status);
            problem.setTitle(known != null ? known.getReasonPhrase() : "Error " + status);
            return problem;
        }
    }
}
