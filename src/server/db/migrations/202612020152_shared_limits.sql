-- Abuse counters shared by every app process behind a load balancer (the check-in limits):
-- each process counting alone would let N processes allow N times the limit.
-- One row per key and fixed window; the app sweeps windows older than a few minutes.
-- UNLOGGED: no WAL on the hottest route, and a crash (or a failover, where unlogged tables
-- start empty) only resets a one-minute counter, which is harmless for an abuse limit.
CREATE UNLOGGED TABLE rate_counters (
  key          text NOT NULL,
  window_start timestamptz NOT NULL,
  hits         integer NOT NULL CHECK (hits >= 0),
  PRIMARY KEY (key, window_start)
);
