package org.convncf.trainer.data;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Reads the service's event store over JDBC (PostgreSQL, or the service's embedded H2 file), so that
 * retraining closes the loop: events → retrain → publish → the service hot-swaps. Every event type
 * counts as an interaction; a user's repeated item keeps its latest time.
 */
public final class EventStoreReader {

    private static final int FETCH_SIZE = 10_000;

    private EventStoreReader() {
    }

    /**
     * Adds every stored event to {@code out} with its time in epoch milliseconds.
     *
     * @return the number of events read
     */
    public static long readInto(String jdbcUrl, String user, String password, InteractionsBuilder out) throws IOException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false); // lets PostgreSQL stream the result with a cursor
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT user_id, item_id, occurred_at FROM events ORDER BY id")) {
                ps.setFetchSize(FETCH_SIZE);
                long n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp t = rs.getTimestamp(3);
                        out.add(rs.getString(1), rs.getString(2), t.getTime());
                        n++;
                    }
                }
                return n;
            }
        } catch (SQLException e) {
            throw new IOException("cannot read events from " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    /** Reads the event store alone as a dataset named {@code events}. */
    public static LoadedDataset read(String jdbcUrl, String user, String password) throws IOException {
        InteractionsBuilder builder = new InteractionsBuilder();
        long n = readInto(jdbcUrl, user, password, builder);
        if (n == 0) {
            throw new IOException("the event store at " + redact(jdbcUrl) + " holds no events yet");
        }
        return new LoadedDataset("events", builder.build(), null, null, builder.duplicates());
    }

    /** The URL without credentials that some drivers accept inline. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
