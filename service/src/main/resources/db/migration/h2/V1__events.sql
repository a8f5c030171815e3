-- Every interaction event the service acknowledged. Append-only; event_id makes retries idempotent.
-- (Embedded H2 for development; PostgreSQL's schema is in db/migration/postgresql.)
CREATE TABLE events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    VARCHAR(128) NOT NULL,
    user_id     VARCHAR(256) NOT NULL,
    item_id     VARCHAR(256) NOT NULL,
    event_type  VARCHAR(32)  NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT events_event_id_key UNIQUE (event_id)
);

CREATE INDEX events_user_recent ON events (user_id, occurred_at DESC, id DESC);
