-- How many times the repository asked the old practice again, by itself, after an intake failed or
-- timed out (gp2gp.repository.retry-after, up to gp2gp.repository.retry-limit).
alter table suspension add column intake_retries integer default 0 not null;
