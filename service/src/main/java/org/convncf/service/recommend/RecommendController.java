package org.convncf.service.recommend;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.convncf.service.events.EventProperties;
import org.convncf.service.system.ApiException;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/** {@code GET /recommend/{user}}. */
@RestController
class RecommendController {

    private final Recommender recommender;
    private final RecommendProperties properties;
    private final EventProperties events;

    RecommendController(Recommender recommender, RecommendProperties properties, EventProperties events) {
        this.recommender = recommender;
        this.properties = properties;
        this.events = events;
    }

    @Operation(summary = "Recommend items for a user",
            description = "Known users are ranked by ConvNCF over candidates from the retrieval model; users unseen in"
                    + " training are embedded from their recent events (fold-in); a neighbourhood model (itemknn, rp3b,"
                    + " ease, userknn) scores every item from the user's items and recent events; users with no events"
                    + " get the most popular items. Items the user interacted with are excluded unless includeSeen=true.",
            responses = {
                @ApiResponse(responseCode = "200", description = "the recommendation"),
                @ApiResponse(responseCode = "400", description = "invalid k, exclude or user id"),
                @ApiResponse(responseCode = "503", description = "no model loaded yet, or at capacity (Retry-After)")})
    @GetMapping(path = "/recommend/{user}", produces = MediaType.APPLICATION_JSON_VALUE)
    Recommendation recommend(
            @Parameter(description = "external user id (percent-encoded in the path)") @PathVariable("user") String pathUser,
            HttpServletRequest request,
            @Parameter(description = "number of items, 1..max-k (default 10)") @RequestParam(name = "k", required = false) Integer k,
            @Parameter(description = "item ids to leave out (comma-separated or repeated)") @RequestParam(name = "exclude", required = false) List<String> exclude,
            @Parameter(description = "also recommend items the user already interacted with")
            @RequestParam(name = "includeSeen", defaultValue = "false") boolean includeSeen) {
        String user = rawUser(request);
        validateId(user);
        int count = k == null ? properties.defaultK() : k;
        if (count < 1 || count > properties.maxK()) {
            throw ApiException.badRequest("parameter 'k' must be between 1 and " + properties.maxK() + ", got " + count);
        }
        List<String> excluded = new ArrayList<>();
        if (exclude != null) {
            for (String e : exclude) {
                for (String part : e.split(",")) {
                    if (!part.isEmpty()) {
                        excluded.add(part);
                    }
                }
            }
        }
        if (excluded.size() > properties.maxExclude()) {
            throw ApiException.badRequest("parameter 'exclude' lists " + excluded.size() + " items; at most "
                    + properties.maxExclude() + " are allowed");
        }
        MDC.put("user", user);
        try {
            return recommender.recommend(user, count, excluded, includeSeen);
        } finally {
            MDC.remove("user");
        }
    }

    /**
     * The user id exactly as sent: Spring's path variable drops everything after a ';' (matrix
     * parameters), but ';' is a legal character of an external id, and events may use it.
     */
    private static String rawUser(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String segment = uri.substring(uri.lastIndexOf('/') + 1);
        try {
            return UriUtils.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the user id in the path is not valid percent-encoded UTF-8");
        }
    }

    private void validateId(String user) {
        if (user.isBlank()) {
            throw ApiException.badRequest("the user id must not be blank");
        }
        int length = user.length(); // UTF-16 units, like the parser and the database columns
        if (length > events.maxIdLength()) {
            throw ApiException.badRequest("the user id is " + length + " characters long; at most " + events.maxIdLength()
                    + " are allowed");
        }
        for (int i = 0; i < user.length(); i++) {
            if (Character.isISOControl(user.charAt(i))) {
                throw ApiException.badRequest("the user id contains a control character at position " + i);
            }
        }
    }
}
