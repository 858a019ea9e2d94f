-- The gateway's schema. Every column a query filters on has an index (FIRST forgot batch.user_id).

-- Definitions, loaded from fixtures/ (the fixture's pk is the id).
CREATE TABLE clusters (
    id                    BIGINT PRIMARY KEY,
    cluster_name          VARCHAR(100) NOT NULL UNIQUE,
    cluster_adapter       VARCHAR(250) NOT NULL,
    frameworks            JSONB        NOT NULL DEFAULT '[]',
    openai_endpoints      JSONB        NOT NULL DEFAULT '[]',
    allowed_globus_groups JSONB        NOT NULL DEFAULT '[]',
    allowed_domains       JSONB        NOT NULL DEFAULT '[]',
    config                JSONB        NOT NULL DEFAULT '{}',
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE endpoints (
    id                    BIGINT PRIMARY KEY,
    endpoint_slug         VARCHAR(300) NOT NULL UNIQUE,
    cluster               VARCHAR(100) NOT NULL REFERENCES clusters (cluster_name) ON UPDATE CASCADE,
    framework             VARCHAR(100) NOT NULL,
    model                 VARCHAR(250) NOT NULL,
    endpoint_adapter      VARCHAR(250) NOT NULL,
    allowed_globus_groups JSONB        NOT NULL DEFAULT '[]',
    allowed_domains       JSONB        NOT NULL DEFAULT '[]',
    tpm_model             INTEGER      NOT NULL DEFAULT 100000 CHECK (tpm_model >= 0),
    tpm_user              INTEGER      NOT NULL DEFAULT 60000 CHECK (tpm_user >= 0),
    config                JSONB        NOT NULL DEFAULT '{}',
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT now()
);
-- Model names match case-insensitively; one model per (cluster, framework).
CREATE UNIQUE INDEX endpoints_route_idx ON endpoints (cluster, framework, lower(model));
CREATE INDEX endpoints_model_idx ON endpoints (lower(model));

-- Identities and credentials.
CREATE TABLE users (
    id           VARCHAR(100) PRIMARY KEY,
    name         VARCHAR(200) NOT NULL DEFAULT '',
    username     VARCHAR(200) NOT NULL DEFAULT '',
    idp_id       VARCHAR(100) NOT NULL DEFAULT '',
    idp_name     VARCHAR(100) NOT NULL DEFAULT '',
    auth_service VARCHAR(100) NOT NULL DEFAULT 'api_key',
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX users_username_idx ON users (username);

-- API keys are stored as SHA-256 of the key; the prefix lets an admin recognise a key without it.
CREATE TABLE api_keys (
    id         UUID PRIMARY KEY,
    user_id    VARCHAR(100) NOT NULL REFERENCES users (id),
    name       VARCHAR(200) NOT NULL DEFAULT '',
    key_hash   CHAR(64)     NOT NULL UNIQUE,
    key_prefix VARCHAR(16)  NOT NULL,
    groups     JSONB        NOT NULL DEFAULT '[]',
    domain     VARCHAR(200) NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id);

-- Uploaded files (OpenAI Files API). Contents live in file_chunks or in a directory (storage_path).
CREATE TABLE files (
    id           VARCHAR(64)  PRIMARY KEY,
    user_id      VARCHAR(100) NOT NULL,
    purpose      VARCHAR(32)  NOT NULL,
    filename     VARCHAR(500) NOT NULL,
    bytes        BIGINT       NOT NULL DEFAULT 0,
    line_count   INTEGER      NOT NULL DEFAULT 0,
    status       VARCHAR(32)  NOT NULL DEFAULT 'uploaded',
    storage_path VARCHAR(1000),
    sha256       CHAR(64),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ,
    deleted_at   TIMESTAMPTZ
);
CREATE INDEX files_user_idx ON files (user_id, created_at DESC);
CREATE INDEX files_purpose_idx ON files (purpose);

CREATE TABLE file_chunks (
    file_id VARCHAR(64) NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    seq     INTEGER     NOT NULL,
    data    BYTEA       NOT NULL,
    PRIMARY KEY (file_id, seq)
);

-- Batches: FIRST's BatchLog columns and the OpenAI Batch object in one row.
CREATE TABLE batches (
    id                  VARCHAR(64)  PRIMARY KEY,
    api_style           VARCHAR(16)  NOT NULL CHECK (api_style IN ('openai', 'first')),
    user_id             VARCHAR(100) NOT NULL,
    access_log_id       UUID,
    cluster             VARCHAR(100) NOT NULL,
    framework           VARCHAR(100) NOT NULL,
    model               VARCHAR(250) NOT NULL,
    endpoint            VARCHAR(64)  NOT NULL DEFAULT '/v1/chat/completions',
    completion_window   VARCHAR(16)  NOT NULL DEFAULT '24h',
    status              VARCHAR(32)  NOT NULL DEFAULT 'validating',
    -- FIRST: a path readable by the workers, and where to put results.
    input_file          VARCHAR(1000),
    output_folder_path  VARCHAR(1000) NOT NULL DEFAULT '',
    -- OpenAI: file ids.
    input_file_id       VARCHAR(64),
    output_file_id      VARCHAR(64),
    error_file_id       VARCHAR(64),
    -- Native batches (adaptor submitBatch / getBatchStatus).
    native_batch_id     VARCHAR(200),
    task_ids            TEXT,
    native_status       VARCHAR(16),
    result              TEXT NOT NULL DEFAULT '',
    request_total       INTEGER NOT NULL DEFAULT 0,
    request_completed   INTEGER NOT NULL DEFAULT 0,
    request_failed      INTEGER NOT NULL DEFAULT 0,
    prompt_tokens       BIGINT  NOT NULL DEFAULT 0,
    completion_tokens   BIGINT  NOT NULL DEFAULT 0,
    metadata            JSONB,
    errors              JSONB,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    in_progress_at      TIMESTAMPTZ,
    expires_at          TIMESTAMPTZ,
    finalizing_at       TIMESTAMPTZ,
    completed_at        TIMESTAMPTZ,
    failed_at           TIMESTAMPTZ,
    expired_at          TIMESTAMPTZ,
    cancelling_at       TIMESTAMPTZ,
    cancelled_at        TIMESTAMPTZ
);
CREATE INDEX batches_user_idx ON batches (user_id, created_at DESC);
CREATE INDEX batches_user_status_idx ON batches (user_id, status);
CREATE INDEX batches_status_idx ON batches (status);
CREATE INDEX batches_input_file_idx ON batches (user_id, input_file);
CREATE INDEX batches_completion_idx ON batches (completed_at DESC, in_progress_at DESC);
CREATE INDEX batches_expires_idx ON batches (expires_at) WHERE status IN ('validating', 'in_progress');

-- One row per input line; the result is written once per (batch, custom_id).
CREATE TABLE batch_lines (
    batch_id          VARCHAR(64)  NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
    custom_id         VARCHAR(512) NOT NULL,
    line_number       INTEGER      NOT NULL,
    status            VARCHAR(16)  NOT NULL DEFAULT 'pending',
    attempts          INTEGER      NOT NULL DEFAULT 0,
    response_status   INTEGER,
    response_body     TEXT,
    error_code        VARCHAR(64),
    error_message     TEXT,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    finished_at       TIMESTAMPTZ,
    PRIMARY KEY (batch_id, custom_id)
);
CREATE INDEX batch_lines_status_idx ON batch_lines (batch_id, status);
CREATE INDEX batch_lines_order_idx ON batch_lines (batch_id, line_number);

-- Logs, written off the hot path in batches.
CREATE TABLE access_logs (
    id                 UUID PRIMARY KEY,
    user_id            VARCHAR(100),
    timestamp_request  TIMESTAMPTZ NOT NULL,
    timestamp_response TIMESTAMPTZ,
    api_route          VARCHAR(300) NOT NULL,
    method             VARCHAR(10)  NOT NULL,
    origin_ip          VARCHAR(250),
    status_code        INTEGER      NOT NULL,
    error              TEXT
);
CREATE INDEX access_logs_user_idx ON access_logs (user_id, status_code);
CREATE INDEX access_logs_time_idx ON access_logs (timestamp_request);
CREATE INDEX access_logs_status_idx ON access_logs (status_code);

CREATE TABLE request_logs (
    id                         UUID PRIMARY KEY,
    access_log_id              UUID NOT NULL,
    user_id                    VARCHAR(100) NOT NULL,
    cluster                    VARCHAR(100) NOT NULL,
    framework                  VARCHAR(100) NOT NULL,
    model                      VARCHAR(250) NOT NULL,
    openai_endpoint            VARCHAR(64)  NOT NULL,
    streaming                  BOOLEAN      NOT NULL DEFAULT false,
    status_code                INTEGER,
    task_uuid                  VARCHAR(100),
    timestamp_compute_request  TIMESTAMPTZ NOT NULL,
    timestamp_compute_response TIMESTAMPTZ,
    time_to_first_token_ms     DOUBLE PRECISION,
    prompt_tokens              INTEGER,
    completion_tokens          INTEGER,
    total_tokens               INTEGER,
    prompt                     TEXT,
    result                     TEXT
);
CREATE INDEX request_logs_access_idx ON request_logs (access_log_id);
CREATE INDEX request_logs_user_idx ON request_logs (user_id, timestamp_compute_request);
CREATE INDEX request_logs_model_idx ON request_logs (model);
CREATE INDEX request_logs_cluster_idx ON request_logs (cluster, framework);
CREATE INDEX request_logs_time_idx ON request_logs (timestamp_compute_request);
