-- Issue 18: messages from the MHS adaptor's inbound queue that could not be processed after
-- gp2gp.inbound.amqp.max-attempts tries. Each is also sent to the dead-letter queue; kept here so
-- that the console shows it and why, and the envelope is not lost (it may hold a record: never logged).
create sequence inbound_dead_letter_seq start with 1 increment by 50;
create table inbound_dead_letter (
    id                bigint        not null primary key,
    queue_message_id  varchar(200)  not null,
    message_id        varchar(200),
    correlation_id    varchar(200),
    attempts          integer       not null,
    reason            varchar(1000) not null,
    envelope          bytea         not null,
    envelope_size     integer       not null,
    dead_lettered_at  timestamp with time zone not null,
    constraint inbound_dead_letter_uk unique (queue_message_id)
);
create index inbound_dead_letter_at_ix on inbound_dead_letter (dead_lettered_at);
