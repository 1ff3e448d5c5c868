-- First schema of GP2GP Hub: practices, transfers and their messages, stored content,
-- practice-held records, the outbox and scheduled work, audit, API clients and console users.
-- Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL). Never edit once applied: add V2, V3...

create table practice (
    ods_code        varchar(10)  not null primary key,
    name            varchar(200) not null,
    asid            varchar(20)  not null,
    party_key       varchar(40)  not null,
    hosted          boolean      not null,
    endpoint_url    varchar(500),
    supplier        varchar(100),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    version         integer      not null
);

create sequence transfer_seq start with 1 increment by 50;
create table transfer (
    id                   bigint       not null primary key,
    conversation_id      varchar(64)  not null,
    role                 varchar(12)  not null,
    nhs_number           varchar(20)  not null, -- as received: a malformed request is kept too
    requesting_ods       varchar(10)  not null,
    sending_ods          varchar(10)  not null,
    status               varchar(40)  not null,
    failure_code         varchar(4),
    failure_text         varchar(1000),
    ehr_request_id       varchar(64),
    request_message_id   varchar(64),
    extract_message_id   varchar(64),
    requested_at         timestamp with time zone not null,
    extract_received_at  timestamp with time zone,
    integrated_at        timestamp with time zone,
    completed_at         timestamp with time zone,
    updated_at           timestamp with time zone not null,
    expected_parts       integer      not null,
    received_parts       integer      not null,
    bytes_received       bigint       not null,
    returning_patient    boolean      not null,
    version              integer      not null,
    -- One conversation can have both roles on one instance when both practices are hosted here.
    constraint transfer_conversation_role_uk unique (conversation_id, role)
);
create index transfer_nhs_number_ix on transfer (nhs_number);
create index transfer_requesting_ods_ix on transfer (requesting_ods, requested_at);
create index transfer_sending_ods_ix on transfer (sending_ods, requested_at);
create index transfer_status_ix on transfer (status, updated_at);

create sequence transfer_message_seq start with 1 increment by 50;
create table transfer_message (
    id               bigint       not null primary key,
    transfer_id      bigint       not null references transfer (id),
    message_id       varchar(64)  not null,
    interaction_id   varchar(20)  not null,
    direction        varchar(8)   not null,
    refers_to        varchar(64),
    ack_type         varchar(2),
    reason_code      varchar(4),
    size_bytes       bigint       not null,
    digest           varchar(64),
    occurred_at      timestamp with time zone not null,
    -- The idempotency key: a message id is processed once per transfer and direction.
    constraint transfer_message_uk unique (transfer_id, direction, message_id)
);
create index transfer_message_message_id_ix on transfer_message (message_id);

create sequence patient_record_seq start with 1 increment by 50;
create table patient_record (
    id           bigint       not null primary key,
    ods_code     varchar(10)  not null references practice (ods_code),
    nhs_number   varchar(10)  not null,
    stored_at    timestamp with time zone not null,
    version      integer      not null,
    constraint patient_record_uk unique (ods_code, nhs_number)
);

-- Core extracts, attachments and fragments. The bytes live in content_chunk rows so that
-- a 100 MB record is written and read as a stream on either database.
create sequence stored_content_seq start with 1 increment by 50;
create table stored_content (
    id                 bigint        not null primary key,
    transfer_id        bigint        references transfer (id),
    patient_record_id  bigint        references patient_record (id),
    kind               varchar(20)   not null,
    content_id         varchar(200)  not null,
    parent_content_id  varchar(200),
    part_order         integer,
    media_type         varchar(100)  not null,
    description        varchar(2000),
    compressed         boolean       not null,
    base64             boolean       not null,
    length             bigint        not null,
    digest             varchar(64),
    complete           boolean       not null,
    created_at         timestamp with time zone not null,
    constraint stored_content_owner_ck check (transfer_id is not null or patient_record_id is not null)
);
create index stored_content_transfer_ix on stored_content (transfer_id, content_id);
create index stored_content_record_ix on stored_content (patient_record_id);

create table content_chunk (
    stored_content_id  bigint   not null references stored_content (id) on delete cascade,
    seq                integer  not null,
    data               bytea    not null,
    primary key (stored_content_id, seq)
);

-- Messages waiting to leave. Claimed with SELECT ... FOR UPDATE SKIP LOCKED by any node.
create sequence outbox_message_seq start with 1 increment by 50;
create table outbox_message (
    id               bigint        not null primary key,
    transfer_id      bigint        references transfer (id),
    conversation_id  varchar(64)   not null,
    message_id       varchar(64)   not null,
    interaction_id   varchar(20)   not null,
    to_ods           varchar(10)   not null,
    from_ods         varchar(10)   not null,
    status           varchar(12)   not null,
    attempts         integer       not null,
    next_attempt_at  timestamp with time zone not null,
    last_error       varchar(1000),
    stored_content_id bigint       references stored_content (id),
    created_at       timestamp with time zone not null,
    sent_at          timestamp with time zone,
    constraint outbox_message_uk unique (message_id)
);
create index outbox_message_due_ix on outbox_message (status, next_attempt_at);

-- Timeouts and other durable work, claimed the same way as the outbox.
create sequence scheduled_task_seq start with 1 increment by 50;
create table scheduled_task (
    id            bigint        not null primary key,
    kind          varchar(40)   not null,
    reference     varchar(64)   not null,
    status        varchar(12)   not null,
    due_at        timestamp with time zone not null,
    attempts      integer       not null,
    claimed_by    varchar(100),
    claimed_at    timestamp with time zone,
    last_error    varchar(1000),
    created_at    timestamp with time zone not null,
    constraint scheduled_task_uk unique (kind, reference)
);
create index scheduled_task_due_ix on scheduled_task (status, due_at);

create sequence audit_event_seq start with 1 increment by 50;
create table audit_event (
    id            bigint        not null primary key,
    occurred_at   timestamp with time zone not null,
    actor         varchar(100)  not null,
    actor_type    varchar(12)   not null,
    action        varchar(60)   not null,
    target_type   varchar(40),
    target_id     varchar(100),
    nhs_number    varchar(10),
    outcome       varchar(12)   not null,
    detail        varchar(2000)
);
create index audit_event_occurred_ix on audit_event (occurred_at);
create index audit_event_target_ix on audit_event (target_type, target_id);
create index audit_event_nhs_number_ix on audit_event (nhs_number);

create sequence api_client_seq start with 1 increment by 50;
create table api_client (
    id            bigint        not null primary key,
    name          varchar(100)  not null,
    key_hash      varchar(64)   not null,
    key_prefix    varchar(12)   not null,
    roles         varchar(200)  not null,
    ods_codes     varchar(2000) not null,
    created_at    timestamp with time zone not null,
    revoked_at    timestamp with time zone,
    last_used_at  timestamp with time zone,
    version       integer       not null,
    constraint api_client_name_uk unique (name),
    constraint api_client_key_hash_uk unique (key_hash)
);

create table console_user (
    username       varchar(60)   not null primary key,
    password_hash  varchar(300)  not null,
    roles          varchar(200)  not null,
    enabled        boolean       not null,
    created_at     timestamp with time zone not null,
    last_login_at  timestamp with time zone,
    version        integer       not null
);
