package org.convncf.service.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /events}: one event or an array of events. */
@RestController
class EventController {

    private final EventParser parser;
    private final EventService service;

    EventController(EventParser parser, EventService service) {
        this.parser = parser;
        this.service = service;
    }

    @Operation(summary = "Record interaction events",
            description = "One event object or an array (at most convncf.events.max-batch). Acknowledged only after"
                    + " the events are durably stored. A retry with the same eventId is reported as a duplicate and"
                    + " not counted twice. Items the serving model does not know are stored and listed in"
                    + " notScorable. Requires the API key.",
            security = @SecurityRequirement(name = "apiKey"),
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(example = "[{\"eventId\": \"e-1001\", \"user\": \"alice\", \"item\": \"i42\","
                            + " \"type\": \"click\", \"timestamp\": \"2026-11-26T10:15:30Z\"}]"))),
            responses = {
                @ApiResponse(responseCode = "201", description = "at least one event was stored"),
                @ApiResponse(responseCode = "200", description = "every event was a duplicate of a stored one"),
                @ApiResponse(responseCode = "400", description = "malformed JSON or an invalid field"),
                @ApiResponse(responseCode = "401", description = "missing API key"),
                @ApiResponse(responseCode = "403", description = "wrong API key"),
                @ApiResponse(responseCode = "413", description = "body or batch too large"),
                @ApiResponse(responseCode = "415", description = "not application/json"),
                @ApiResponse(responseCode = "422", description = "semantically invalid (future timestamp, conflicting eventId)"),
                @ApiResponse(responseCode = "503", description = "event store unavailable; nothing was stored")})
    @PostMapping(path = "/events", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EventService.Result> post(@org.springframework.web.bind.annotation.RequestBody byte[] body) {
        EventService.Result result = service.ingest(parser.parse(body));
        return ResponseEntity.status(result.stored() > 0 ? HttpStatus.CREATED : HttpStatus.OK).body(result);
    }
}
