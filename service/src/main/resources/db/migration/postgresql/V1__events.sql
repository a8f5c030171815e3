-- Every interaction event the service acknowledged. Append-only; event_id makes retries idempotent.
CREATE TABLE events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    VARCHAR(128) NOT NULL,
    user_id     VARCHAR(256) NOT NULL,
    item_id     VARCHAR(256) NOT NULL,
    event_type  VARCHAR(32)  NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT events_event_id_key UNIQUE (event_id)
);

-- "The last N events of user u" is an index range scan, newest first, and covering (no heap access):
-- its cost depends on N, not on the table's size (100 M events included).
CREATE INDEX events_user_recent ON events (user_id, occurred_at DESC, id DESC) INCLUDE (item_id);
