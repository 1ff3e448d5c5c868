-- Issue 10: which peer instance speaks for a remote practice at /mhs/inbound (null: the MHS adaptor,
-- which holds the shared secret). A peer's message from any other practice is refused.
alter table practice add column peer varchar(50);

-- Issue 10: an API key's own limit of requests per minute (null: gp2gp.api.requests-per-minute).
alter table api_client add column requests_per_minute integer;
