-- Devices that logged in successfully: a random cookie, stored as its sha256. Failed logins from
-- a known device are counted apart, so that someone guessing a password elsewhere does not lock
-- the owner out of the computer they always use.
CREATE TABLE known_devices (
  token_hash   text PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX known_devices_user_idx ON known_devices (user_id);

-- Time-based one-time passwords (RFC 6238). The secret is pending until a first code confirms
-- it; totp_last_step refuses the same code twice.
ALTER TABLE users
  ADD COLUMN totp_secret     text,
  ADD COLUMN totp_enabled_at timestamptz,
  ADD COLUMN totp_last_step  bigint;

-- A session's id that may be shown (the cookie's hash must never leave the server), when its
-- user last proved who they are (re-authentication before sensitive changes), and whether it
-- may do nothing but enrol a second factor (required and missing).
ALTER TABLE sessions
  ADD COLUMN public_id       uuid NOT NULL DEFAULT gen_random_uuid(),
  ADD COLUMN reauth_at       timestamptz,
  ADD COLUMN must_enrol_totp boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX sessions_public_id_idx ON sessions (public_id);
