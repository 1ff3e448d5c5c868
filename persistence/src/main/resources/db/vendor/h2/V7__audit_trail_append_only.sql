-- Issue 10: the audit trail is append-only, whoever connects: no update, no delete (H2 calls Java).
create trigger audit_event_no_change before update, delete on audit_event
    for each row call 'uk.nhs.gp2gp.audit.AppendOnlyTrigger';
