package org.convncf.service.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires the API key on writes (and on reads when configured): 401 when it is missing, 403 when it
 * is wrong. Keys are compared in constant time; neither the expected nor the presented key is ever
 * logged or echoed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyFilter extends OncePerRequestFilter {

    private final SecurityProperties properties;
    private final byte[] expected;

    ApiKeyFilter(SecurityProperties properties) {
        this.properties = properties;
        this.expected = properties.keyConfigured() ? properties.apiKey().getBytes(StandardCharsets.UTF_8) : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!protectedRequest(request)) {
            chain.doFilter(request, response);
            return;
        }
        String presented = request.getHeader(properties.header());
        if (expected == null) {
            Problems.write(response, HttpStatus.UNAUTHORIZED, "this endpoint needs an API key, and none is configured"
                    + " on the server (set convncf.security.api-key)", request.getRequestURI());
            return;
        }
        if (presented == null || presented.isEmpty()) {
            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + properties.header() + "\"");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "missing API key: send it in the " + properties.header()
                    + " header", request.getRequestURI());
            return;
        }
        if (!MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            Problems.write(response, HttpStatus.FORBIDDEN, "the API key is not valid", request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean protectedRequest(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        if (path.startsWith("/admin/") || path.equals("/admin")) {
            return true;
        }
        if (path.startsWith("/events") || path.startsWith("/events/")) {
            return !"OPTIONS".equals(method);
        }
        return properties.protectReads() && (path.startsWith("/recommend") || path.equals("/model"));
    }
}
