-- Login lock-out per (account e-mail, client address) instead of per account (issue 12, item 6).
-- The key is the SHA-256 of the normalised e-mail and the address: an unknown e-mail is counted
-- exactly like a known one (same answers, no enumeration), and failures from one address never
-- lock the account for its owner elsewhere. Read and written before the tenant is known, on the
-- owner connection only (no grant to maintien_app); no e-mail and no address in clear.
create table login_throttle (
  key text primary key,
  failures integer not null default 0,
  last_failure_at timestamptz not null,
  locked_until timestamptz
);
create index login_throttle_last_failure on login_throttle (last_failure_at);

alter table app_user drop column failed_attempts;
alter table app_user drop column locked_until;
