-- An acknowledgement waits for the messages queued before it in its conversation (Outbox.claimDue):
-- finding them is a look-up by conversation.
create index outbox_message_conversation_ix on outbox_message (conversation_id, status);
