package org.convncf.service.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API-key protection. Writes ({@code POST /events}, {@code /admin/**}) always need the key; reads
 * need it when {@code protectReads} is set.
 *
 * @param apiKey       the key (from a secret or the environment: {@code CONVNCF_SECURITY_API_KEY});
 *                     when unset, writes are refused with 401 and a message saying the key is not configured
 * @param header       the request header that carries it
 * @param protectReads whether {@code GET /recommend/**} and {@code GET /model} need the key too
 */
@ConfigurationProperties("convncf.security")
public record SecurityProperties(String apiKey, @DefaultValue("X-API-Key") String header,
        @DefaultValue("false") boolean protectReads) {

    public SecurityProperties {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("convncf.security.header must not be blank");
        }
        if (apiKey != null && !apiKey.isEmpty() && apiKey.length() < 16) {
            throw new IllegalArgumentException("convncf.security.api-key must be at least 16 characters");
        }
    }

    public boolean keyConfigured() {
        return apiKey != null && !apiKey.isEmpty();
    }

    /** Never print the key. */
    @Override
    public String toString() {
        return "SecurityProperties[header=" + header + ", protectReads=" + protectReads + ", apiKey="
                + (keyConfigured() ? "(set)" : "(not set)") + "]";
    }
}
