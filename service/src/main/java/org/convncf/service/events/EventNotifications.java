package org.convncf.service.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Cross-replica cache invalidation on PostgreSQL: the transaction that stores a user's events also
 * sends {@code NOTIFY convncf_events, '<user>'} (delivered to listeners only if it commits), and every
 * replica LISTENs and drops that user's cached history. On the embedded database (one process)
 * there is nothing to notify and nothing is started.
 */
@Component
class EventNotifications implements SmartLifecycle {

    static final String CHANNEL = "convncf_events";
    private static final Logger log = LoggerFactory.getLogger(EventNotifications.class);

    private final boolean enabled;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final UserHistories histories;
    private volatile boolean running;
    private Thread listener;

    EventNotifications(@Value("${spring.datasource.url:}") String url, DataSource dataSource, JdbcTemplate jdbc,
            UserHistories histories) {
        this.enabled = url.startsWith("jdbc:postgresql:");
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.histories = histories;
    }

    /** Within the storing transaction: tell the other replicas these users have new events. */
    void notifyUsers(Collection<String> users) {
        if (!enabled) {
            return;
        }
        for (String user : users) {
            jdbc.queryForObject("SELECT pg_notify(?, ?)", Object.class, CHANNEL, user);
        }
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        running = true;
        listener = new Thread(this::listen, "event-notifications");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                // Anything written while we were not listening may be cached stale: start clean.
                histories.invalidateAll();
                log.info("Listening for event notifications on channel {}", CHANNEL);
                backoff = 500;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            histories.invalidate(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Event notification listener lost its connection ({}); retrying in {} ms", e.getMessage(), backoff);
                histories.invalidateAll();
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
