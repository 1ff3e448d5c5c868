-- Issue 18: a sender is identified by its ASID or its whole party key (case aside), so no two practices
-- may share either. A directory that already has such a pair stops this migration: H2's unique-index
-- error names the index and the shared value (PostgreSQL's migration names the practices too).
-- H2 has no index on an expression: a generated column holds the party key as it is compared.
create unique index practice_asid_uk on practice (asid);
alter table practice add column party_key_compared varchar(40) generated always as (upper(party_key));
create unique index practice_party_key_uk on practice (party_key_compared);
