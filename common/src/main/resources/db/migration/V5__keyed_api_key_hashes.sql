-- Issue 14: API keys are stored as HMAC-SHA-256 under GATEWAY_KEY_HASH_SECRET, no longer as plain SHA-256, which
-- anyone with a copy of the table could match against guessed keys. A row written before keeps its SHA-256 hash,
-- marked 'sha256', and still authenticates: the first time its key is presented, the gateway rewrites the row with
-- the keyed hash. gateway-http logs at start how many active keys still wait for that.
ALTER TABLE api_keys ADD COLUMN hash_scheme VARCHAR(16) NOT NULL DEFAULT 'sha256'
    CHECK (hash_scheme IN ('sha256', 'hmac-sha256'));
ALTER TABLE api_keys ALTER COLUMN hash_scheme DROP DEFAULT;

-- Admins see 'igw-' and four more characters of a key, no longer twelve (most of a short key an operator chose).
-- A key without the prefix could never authenticate (such tokens go to Globus Auth): it shows nothing.
UPDATE api_keys SET key_prefix = CASE WHEN key_prefix LIKE 'igw-%' THEN left(key_prefix, 8) ELSE '' END;

-- Which secret the keys are hashed under, as its fingerprint (ApiKeyHasher.fingerprint()): the first process to start
-- with a secret writes it, and any later process with another secret refuses to start instead of issuing keys that
-- could never authenticate, or refusing every key there is.
CREATE TABLE api_key_hash_secret (
    id          SMALLINT    PRIMARY KEY CHECK (id = 1),
    fingerprint CHAR(64)    NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
