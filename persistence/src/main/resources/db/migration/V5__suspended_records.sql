-- The suspended-records repository (issue 7). Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).

-- The local stand-in for PDS: where a patient is registered (null: nowhere, suspended), which
-- organisation manages their record, deceased, and the NHS number that replaced this one.
create table demographics (
    nhs_number      varchar(10)  not null primary key,
    registered_ods  varchar(10),
    managing_ods    varchar(10),
    deceased        boolean      not null,
    superseded_by   varchar(10),
    updated_at      timestamp with time zone not null,
    version         integer      not null
);

-- NEMS-like change-of-registration events, kept with the answer given (a duplicate id gets it again).
create table registration_event (
    event_id     varchar(100) not null primary key,
    nhs_number   varchar(10)  not null,
    event_type   varchar(20)  not null,
    ods_code     varchar(10)  not null,
    occurred_at  timestamp with time zone not null,
    received_at  timestamp with time zone not null,
    outcome      varchar(40)  not null,
    detail       varchar(500)
);
create index registration_event_patient_ix on registration_event (nhs_number, occurred_at);

-- One row per patient an event was seen for: the latest event time, and the row every node locks
-- so that one patient's events are processed one at a time.
create table registration_patient (
    nhs_number        varchar(10) not null primary key,
    last_occurred_at  timestamp with time zone
);

-- A record the repository took (or tried to take) from the practice a patient left.
create sequence suspension_seq start with 1 increment by 50;
create table suspension (
    id                        bigint       not null primary key,
    nhs_number                varchar(10)  not null,
    source_ods                varchar(10)  not null,
    status                    varchar(30)  not null,
    failure_code              varchar(10),
    failure_reason            varchar(500),
    event_id                  varchar(100),
    inbound_conversation_id   varchar(64),
    outbound_conversation_id  varchar(64),
    released_to_ods           varchar(10),
    returning_patient         boolean      not null,
    size_bytes                bigint       not null,
    started_at                timestamp with time zone not null,
    updated_at                timestamp with time zone not null,
    held_at                   timestamp with time zone,
    released_at               timestamp with time zone,
    purge_after               timestamp with time zone,
    version                   integer      not null
);
create index suspension_patient_ix on suspension (nhs_number, started_at);
create index suspension_status_ix on suspension (status, source_ods);
create index suspension_inbound_ix on suspension (inbound_conversation_id);

create sequence suspension_history_seq start with 1 increment by 50;
create table suspension_history (
    id             bigint       not null primary key,
    suspension_id  bigint       not null references suspension (id),
    status         varchar(30)  not null,
    happened_at    timestamp with time zone not null,
    detail         varchar(500) not null
);
create index suspension_history_ix on suspension_history (suspension_id, happened_at);

-- The directory says which organisation is the national repository: a practice whose patient went
-- there sees "sent to the repository", not a paper task.
alter table practice add column national_repository boolean default false not null;
