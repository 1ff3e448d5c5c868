-- Large messaging (issue 6): the parts of a record that travel as COPC messages after the core
-- extract. Requester: one row per COPC message id a manifest names (expected) or that arrived
-- (received), whichever comes first: a COPC can arrive before the manifest that names it
-- (protocol 3.8); the bytes of its inline parts are stored_content rows of kind FRAGMENT until the
-- attachment is put back together. Sender: one row per attachment the extract promised as a COPC,
-- with the stored file it comes from, marked when sent after the continue request.
-- Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).
create sequence transfer_part_seq start with 1 increment by 50;
create table transfer_part (
    id                 bigint        not null primary key,
    transfer_id        bigint        not null references transfer (id),
    message_id         varchar(64)   not null, -- the COPC's ebXML MessageId (a mid: reference)
    parent_message_id  varchar(64),            -- the extract or fragment index naming it; null while orphan
    part_order         integer,                -- its place in the parent's manifest
    description        varchar(2000),          -- the attachment description the parent gave it
    inline_parts       integer       not null, -- parts it carried inline (stored as FRAGMENT content)
    child_parts        integer       not null, -- mid: references in its own manifest: a fragment index
    received_at        timestamp with time zone, -- requester: when it arrived; sender: when it was sent
    content_ref        bigint,                   -- sender: the stored file (stored_content id) it carries
    version            integer       not null,
    constraint transfer_part_uk unique (transfer_id, message_id)
);
create index transfer_part_parent_ix on transfer_part (transfer_id, parent_message_id, part_order);
