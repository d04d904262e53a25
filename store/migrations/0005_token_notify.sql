-- Every change to api_tokens (a revocation, a tenant deleted with its
-- tokens) notifies the channel dedupe_api_tokens. The API processes keep
-- the tokens they authenticated in memory and empty that cache on each
-- notification, so a revoked token stops working on every process within
-- the notification's delivery time (store/tokencache.go).
CREATE FUNCTION notify_api_tokens() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('dedupe_api_tokens', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER api_tokens_changed AFTER UPDATE OR DELETE OR TRUNCATE ON api_tokens
    FOR EACH STATEMENT EXECUTE FUNCTION notify_api_tokens();
