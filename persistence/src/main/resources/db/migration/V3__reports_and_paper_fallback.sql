-- Reports and tools (issue 9): indexes for the monthly outcome report and the 8-day window list,
-- and the paper fallback tasks. Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).
-- (V2 is the console's.) Never edit once applied: add V4, V5...

-- The monthly report reads one role's transfers requested in a month, and only these columns:
-- with all of them in the index, PostgreSQL answers from the index alone once the month's rows
-- are all-visible (vacuumed), instead of visiting 250,000 table rows.
create index transfer_report_ix on transfer (role, requested_at, status, requesting_ods, sending_ods,
    failure_code, extract_received_at, integrated_at, completed_at);

-- Records waiting to be integrated whose 8-day window is about to close.
create index transfer_window_ix on transfer (status, extract_received_at);

-- A record to move on paper after a failed transfer: the sending practice prints it and the
-- paper records service carries it to the requesting practice. One per conversation.
create sequence paper_fallback_seq start with 1 increment by 50;
create table paper_fallback (
    id                bigint        not null primary key,
    transfer_id       bigint        not null references transfer (id),
    conversation_id   varchar(64)   not null,
    nhs_number        varchar(20)   not null,
    requesting_ods    varchar(10)   not null,
    sending_ods       varchar(10)   not null,
    outcome           varchar(30)   not null, -- the transfer's outcome when paper was asked for
    reason_code       varchar(40),            -- GP2GP code (06, 11, ...) or NO_EXTRACT, NOT_INTEGRATED_IN_WINDOW...
    status            varchar(12)   not null, -- REQUESTED, DONE
    requested_by      varchar(100)  not null,
    requested_at      timestamp with time zone not null,
    request_note      varchar(1000),
    done_by           varchar(100),
    done_at           timestamp with time zone,
    done_note         varchar(1000),
    version           integer       not null,
    constraint paper_fallback_conversation_uk unique (conversation_id)
);
create index paper_fallback_status_ix on paper_fallback (status, requested_at);
create index paper_fallback_requesting_ods_ix on paper_fallback (requesting_ods, status);
create index paper_fallback_sending_ods_ix on paper_fallback (sending_ods, status);
