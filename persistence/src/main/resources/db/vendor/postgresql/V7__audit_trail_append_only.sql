-- Issue 10: the audit trail is append-only, whoever connects: no update, no delete, no truncate.
create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'The audit trail is append-only: % refused', tg_op;
end;
$$;

create trigger audit_event_no_change before update or delete on audit_event
    for each row execute function audit_event_append_only();

create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only();
