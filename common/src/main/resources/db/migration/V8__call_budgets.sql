-- Budgets of calls to rate-limited remote services (Globus Compute allows a client 20 calls per 10 s), shared by every
-- gateway replica and batch worker that calls as the same client: the starts of a key's latest calls and the end of
-- a pause after the service's 429, in microseconds of the database's clock, which every process reads alike.
CREATE TABLE call_budgets (
    key          TEXT PRIMARY KEY,
    recent       BIGINT[] NOT NULL DEFAULT '{}',
    paused_until BIGINT NOT NULL DEFAULT 0
);
