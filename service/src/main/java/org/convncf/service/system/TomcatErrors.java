package org.convncf.service.system;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Requests that Tomcat refuses before Spring sees them (an encoded '/' or NUL in the path, broken
 * percent-encoding, a malformed request line) get an RFC 7807 body too, instead of Tomcat's HTML page.
 */
@Component
class TomcatErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /** Writes {@code application/problem+json} for errors that no application code answered. */
    public static final class ProblemErrorReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String reason = known != null ? known.getReasonPhrase() : "Error";
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("{\"type\":\"about:blank\",\"title\":" + Problems.json(reason) + ",\"status\":" + status
                            + ",\"detail\":" + Problems.json("the request was refused by the HTTP server: "
                            + reason.toLowerCase(java.util.Locale.ROOT)
                            + " (check the path's percent-encoding; '/' and control characters are not allowed in ids)")
                            + "}");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away: nothing to report to
            }
        }
    }
}
