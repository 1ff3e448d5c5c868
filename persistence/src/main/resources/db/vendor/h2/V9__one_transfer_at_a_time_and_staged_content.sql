-- Issue 17: one transfer at a time for a patient and requesting practice, whatever number of nodes
-- ask at once: at most one requester transfer that has not ended (its statuses as TransferStatus says).
-- H2 has no partial index: a column that holds the key only while the transfer is open, unique
-- (a unique index lets any number of nulls in), says the same. The key is a digest, so that the
-- refusal's message (which ends up in a log) names no NHS number.
alter table transfer add column one_at_a_time_key binary varying(32) generated always as (
    case when role = 'REQUESTER' and status in ('REQUESTED', 'WAITING_FOR_PARTS', 'READY_TO_INTEGRATE')
        then hash('SHA-256', nhs_number || '/' || requesting_ods) end);
create unique index transfer_one_at_a_time_uk on transfer (one_at_a_time_key);

-- Issue 17: uploads are written as staged content (no owner yet) and swapped in at the end;
-- replaced content is discarded (no owner any more) and deleted in the background.
alter table stored_content drop constraint stored_content_owner_ck;
alter table stored_content add constraint stored_content_owner_ck
    check (transfer_id is not null or patient_record_id is not null or kind in ('STAGED', 'DISCARDED'));
create index stored_content_kind_ix on stored_content (kind, created_at);
