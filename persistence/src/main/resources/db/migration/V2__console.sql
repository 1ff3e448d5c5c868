-- The admin console: sign-in lock-out after repeated wrong passwords, retries linked to the
-- transfer they replace, and the audit search by person.

alter table console_user add column failed_sign_ins integer default 0 not null;
alter table console_user add column locked_until timestamp with time zone;

alter table transfer add column retry_of varchar(64);

create index audit_event_actor_ix on audit_event (actor, occurred_at);
create index transfer_requested_ix on transfer (requested_at);
