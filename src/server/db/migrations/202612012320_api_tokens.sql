-- API tokens for other systems (a provincial data warehouse, a reporting system above).
-- A token acts as its own account: a disabled user row (no password can log in to it, it holds
-- no user_roles, so no user list shows it) whose id names the system in the audit log and keeps
-- it apart from the system actor of the command line. Its one grant is derived from the token:
-- viewer (read) or manager (read-write) on the token's org, and the same scope rules follow.
CREATE TABLE api_tokens (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id       bigint NOT NULL UNIQUE REFERENCES users(id),
  system_name   text NOT NULL CHECK (length(system_name) BETWEEN 1 AND 200),
  org_id        bigint NOT NULL REFERENCES orgs(id),
  access        text NOT NULL CHECK (access IN ('read', 'write')),
  -- sha256 of the secret: the secret itself is shown once, at issue, and never stored.
  token_hash    bytea NOT NULL UNIQUE,
  -- The first characters of the token, so an administrator can tell tokens apart.
  token_prefix  text NOT NULL,
  expires_at    timestamptz NOT NULL,
  created_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz,
  revoked_by    bigint REFERENCES users(id),
  -- Use is noted cheaply: last_used_at at most once a minute, one audit row per Vietnamese day.
  last_used_at  timestamptz,
  last_audited_on date
);
CREATE INDEX api_tokens_org_idx ON api_tokens (org_id);
