package org.convncf.service.events;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The event store, in plain SQL that runs on PostgreSQL and on H2 (PostgreSQL mode). Parameterised
 * statements only.
 */
@Repository
class EventRepository {

    /** Rows read per requested distinct item: repeats of recent items are skipped in Java. */
    private static final int OVERFETCH = 4;

    private final JdbcTemplate jdbc;

    EventRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the events in one batch; an event whose id is already stored is skipped.
     *
     * @return per event, whether it was stored now (false: a duplicate of a stored one)
     */
    boolean[] insert(List<Event> events, Instant receivedAt) {
        Timestamp received = Timestamp.from(receivedAt);
        int[] counts = jdbc.batchUpdate("INSERT INTO events (event_id, user_id, item_id, event_type, occurred_at,"
                + " received_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        Event e = events.get(i);
                        ps.setString(1, e.eventId());
                        ps.setString(2, e.user());
                        ps.setString(3, e.item());
                        ps.setString(4, e.type());
                        ps.setTimestamp(5, Timestamp.from(e.timestamp()));
                        ps.setTimestamp(6, received);
                    }

                    @Override
                    public int getBatchSize() {
                        return events.size();
                    }
                });
        boolean[] stored = new boolean[events.size()];
        for (int i = 0; i < counts.length; i++) {
            stored[i] = counts[i] != 0; // 0: conflict; SUCCESS_NO_INFO (-2) counts as stored
        }
        return stored;
    }

    /** The user's most recent distinct items, newest first, at most {@code limit}. */
    List<String> recentItems(String user, int limit) {
        List<String> rows = jdbc.queryForList("SELECT item_id FROM events WHERE user_id = ?"
                + " ORDER BY occurred_at DESC, id DESC LIMIT ?", String.class, user, limit * OVERFETCH);
        Set<String> distinct = new LinkedHashSet<>();
        for (String item : rows) {
            distinct.add(item);
            if (distinct.size() == limit) {
                break;
            }
        }
        return new ArrayList<>(distinct);
    }

    /** How many events are stored for {@code eventIds} (for tests and checks). */
    long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM events", Long.class);
        return n == null ? 0 : n;
    }
}
