-- Issue 16: a console user's security version. Disabling a user, changing their roles or resetting
-- their password raises it; every node compares it with the copy in each session on each console
-- request, so the user's live sessions end everywhere at once.
alter table console_user add column security_version integer default 0 not null;

-- Issue 16: at most the first 4 characters of a key are ever shown.
update api_client set key_prefix = left(key_prefix, 4);
