package org.convncf.service.events;

import java.time.Instant;

/**
 * One validated interaction event.
 *
 * @param eventId   the client's idempotency key, or a generated one
 * @param generated whether {@code eventId} was generated (the client sent none)
 * @param user      external user id
 * @param item      external item id
 * @param type      event type, e.g. {@code click}; every type counts as an interaction
 * @param timestamp when it happened (the time of receipt when the client sent none)
 */
public record Event(String eventId, boolean generated, String user, String item, String type, Instant timestamp) {

    /** Whether two events with the same id describe the same interaction. */
    boolean sameContentAs(Event other) {
        return user.equals(other.user) && item.equals(other.item) && type.equals(other.type)
                && (generated || other.generated || timestamp.equals(other.timestamp));
    }
}
