-- Webhooks: endpoints a tenant registered, the events its changes emitted
-- (a transactional outbox: an event row is written in the transaction of
-- the change that caused it), what each endpoint still has to receive, and
-- the delivery attempts.

CREATE TABLE webhooks (
    tenant_id       uuid NOT NULL REFERENCES tenants (id),
    id              uuid NOT NULL,
    url             text NOT NULL,
    events          text[] NOT NULL,
    -- The signing secret, "whsec_" + base64 (Standard Webhooks). The
    -- service must sign with it, so it cannot be hashed like an API token
    -- (docs/security.md says how it is protected).
    secret          text NOT NULL,
    created_at      timestamptz NOT NULL,
    disabled_at     timestamptz,
    disabled_reason text,
    PRIMARY KEY (tenant_id, id)
);

-- One row per event, in the order the changes committed per profile: the
-- changes of one profile hold its locks, so their rows get increasing
-- sequence numbers. data holds ids and field names, never personal data.
CREATE TABLE webhook_events (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    id          uuid NOT NULL,
    seq         bigint GENERATED ALWAYS AS IDENTITY,
    type        text NOT NULL,
    occurred_at timestamptz NOT NULL,
    data        jsonb NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- What each endpoint has yet to receive; written with the event, deleted
-- once the endpoint answered 2xx. An endpoint receives its events in seq
-- order, one at a time.
CREATE TABLE webhook_pending (
    tenant_id       uuid NOT NULL,
    webhook_id      uuid NOT NULL,
    event_id        uuid NOT NULL,
    seq             bigint NOT NULL,
    attempts        int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    first_failed_at timestamptz,
    PRIMARY KEY (tenant_id, webhook_id, event_id),
    FOREIGN KEY (tenant_id, webhook_id) REFERENCES webhooks (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, event_id) REFERENCES webhook_events (tenant_id, id)
);
CREATE INDEX webhook_pending_order ON webhook_pending (tenant_id, webhook_id, seq);
CREATE INDEX webhook_pending_due ON webhook_pending (next_attempt_at);

-- Every delivery attempt, for GET /v1/webhooks/{id}/deliveries.
CREATE TABLE webhook_deliveries (
    tenant_id   uuid NOT NULL,
    id          bigint GENERATED ALWAYS AS IDENTITY,
    webhook_id  uuid NOT NULL,
    event_id    uuid NOT NULL,
    event_type  text NOT NULL,
    attempt     int NOT NULL,
    at          timestamptz NOT NULL,
    status_code int,
    error       text,
    duration_ms int NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, webhook_id) REFERENCES webhooks (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_recent ON webhook_deliveries (tenant_id, webhook_id, id DESC);

-- emit_webhook_event writes one event and a pending delivery for every
-- enabled endpoint of the tenant subscribed to its type, in the caller's
-- transaction. A tenant without such an endpoint stores nothing. (The
-- ingest runs the same statement directly, store.emitSQL; PL/pgSQL keeps
-- its plan between calls, where an SQL function is planned each time.)
CREATE FUNCTION emit_webhook_event(p_tenant uuid, p_type text, p_at timestamptz, p_data jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    WITH ev AS (
        INSERT INTO webhook_events (tenant_id, id, type, occurred_at, data)
        SELECT p_tenant, gen_random_uuid(), p_type, p_at, p_data
        WHERE EXISTS (SELECT 1 FROM webhooks w
                      WHERE w.tenant_id = p_tenant AND w.disabled_at IS NULL AND p_type = ANY (w.events))
        RETURNING tenant_id, id, seq, type)
    INSERT INTO webhook_pending (tenant_id, webhook_id, event_id, seq, next_attempt_at)
    SELECT ev.tenant_id, w.id, ev.id, ev.seq, p_at
    FROM ev JOIN webhooks w ON w.tenant_id = ev.tenant_id AND w.disabled_at IS NULL AND ev.type = ANY (w.events);
END
$$;
