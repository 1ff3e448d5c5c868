-- Issue 17: one transfer at a time for a patient and requesting practice, whatever number of nodes
-- ask at once: at most one requester transfer that has not ended (its statuses as TransferStatus says).
-- Keyed by a digest, so that the refusal's message (which ends up in a log) names no NHS number.
create unique index transfer_one_at_a_time_uk on transfer (md5(nhs_number || '/' || requesting_ods))
    where role = 'REQUESTER' and status in ('REQUESTED', 'WAITING_FOR_PARTS', 'READY_TO_INTEGRATE');

-- Issue 17: uploads are written as staged content (no owner yet) and swapped in at the end;
-- replaced content is discarded (no owner any more) and deleted in the background.
alter table stored_content drop constraint stored_content_owner_ck;
alter table stored_content add constraint stored_content_owner_ck
    check (transfer_id is not null or patient_record_id is not null or kind in ('STAGED', 'DISCARDED'));
create index stored_content_kind_ix on stored_content (kind, created_at);
