-- Issue 10: which peer instance speaks for a remote practice at /mhs/inbound (null: the MHS adaptor,
-- which holds the shared secret). A peer's message from any other practice is refused.
alter table practice add column peer varchar(50);
