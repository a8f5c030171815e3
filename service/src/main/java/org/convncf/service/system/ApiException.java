package org.convncf.service.system;

import org.springframework.http.HttpStatus;

/**
 * A request that cannot be answered as asked, with the HTTP status that says why: 400 (malformed or
 * invalid field), 422 (well-formed but semantically invalid), 503 (no model yet, storage down, busy).
 * The message goes to the client verbatim: it must be precise and must not expose internals.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Integer retryAfterSeconds;

    public ApiException(HttpStatus status, String message) {
        this(status, message, null);
    }

    public ApiException(HttpStatus status, String message, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static ApiException unprocessable(String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, message);
    }

    public static ApiException unavailable(String message, int retryAfterSeconds) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, message, retryAfterSeconds);
    }

    public HttpStatus status() {
        return status;
    }

    /** Seconds for the Retry-After header, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
