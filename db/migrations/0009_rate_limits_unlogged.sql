-- Rate-limit counters are written on every API request. As an unlogged table they write no WAL,
-- so a request's counter commit no longer waits for a disk flush. After a database crash the
-- table starts empty (a limit window restarts); nothing else depends on it.
ALTER TABLE "rate_limits" SET UNLOGGED;
