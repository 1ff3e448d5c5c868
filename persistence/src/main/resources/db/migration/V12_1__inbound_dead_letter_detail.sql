-- Issue 18 review: the console shows why a message was set aside in short (reason: the kind of
-- failure); the door's own detail, which may quote a field of the message, is kept here only.
alter table inbound_dead_letter add column reason_detail varchar(1000);
