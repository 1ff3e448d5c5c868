-- Issue 18: a sender is identified by its ASID or its whole party key (case aside), so no two practices
-- may share either. A directory that already has such a pair cannot be upgraded silently (which of the
-- two is the sender is a decision for its operator): the migration stops and names them.
do $$
declare
    clash text;
begin
    select string_agg(field || ' ' || value || ' (practices ' || practices || ')', '; ') into clash from (
        select 'ASID' as field, asid as value, string_agg(ods_code, ', ' order by ods_code) as practices
            from practice group by asid having count(*) > 1
        union all
        select 'party key', upper(party_key), string_agg(ods_code, ', ' order by ods_code)
            from practice group by upper(party_key) having count(*) > 1) clashes;
    if clash is not null then
        raise exception 'V13: practices share an ASID or a party key: %. Give each practice its own in the'
            ' practice directory, then start again.', clash;
    end if;
end;
$$;

create unique index practice_asid_uk on practice (asid);
create unique index practice_party_key_uk on practice (upper(party_key));
