-- Synthetic transfers for bench/report.sh: psql -v transfers=1000000 -f bench/report-data.sql
-- 6,500 practices (England has about that many), each exchanging records with 20 neighbours;
-- requested over August to October 2026, three quarters on the requesting side (so a month holds
-- about 250,000 requester transfers: England's monthly volume); outcomes in roughly national shares.
-- Synthetic patients only: 999 numbers with valid modulus 11 check digits. Deterministic (setseed).
\set ON_ERROR_STOP on
select setseed(0.42);

insert into practice (ods_code, name, asid, party_key, hosted, endpoint_url, supplier, created_at, updated_at, version)
select 'B' || lpad(n::text, 5, '0'), 'Synthetic Practice ' || n, lpad((900000000000 + n)::text, 12, '0'),
       'B' || lpad(n::text, 5, '0') || '-' || n, true, null, 'bench', now(), now(), 0
from generate_series(0, 6499) n;

create temporary table patient as
with bases as (select '999' || lpad(i::text, 6, '0') as base from generate_series(0, 199999) i),
     checked as (select base, (11 - (select sum(substr(base, k, 1)::int * (11 - k)) from generate_series(1, 9) k) % 11) % 11 as c
                 from bases)
select (row_number() over (order by base)) - 1 as i, base || c as nhs from checked where c <> 10;
select count(*) as patients from patient \gset

insert into transfer (id, conversation_id, role, nhs_number, requesting_ods, sending_ods, status, failure_code,
    failure_text, requested_at, extract_received_at, integrated_at, completed_at, updated_at, expected_parts,
    received_parts, bytes_received, returning_patient, version)
select g, upper(md5(g::text)), x.role, p.nhs, 'B' || lpad(x.requesting::text, 5, '0'),
       'B' || lpad(((x.requesting + 1 + x.neighbour) % 6500)::text, 5, '0'),
       o.status, o.code, case when o.code is not null then 'synthetic failure' end,
       x.requested, o.received, o.integrated, o.completed, coalesce(o.completed, o.received, x.requested),
       1, case when o.received is null then 0 else 1 end, case when o.received is null then 0 else 250000 end,
       false, 0
from (select g, case when random() < 0.75 then 'REQUESTER' else 'SENDER' end as role,
             -- A patient's transfers (every :patients-th g) each asked by another practice: the database
             -- keeps one open transfer at a time for a patient and requesting practice.
             ((g % :patients) * 7 + g / :patients) % 6500 as requesting, floor(random() * 20)::int as neighbour,
             timestamptz '2026-08-01 00:00+00' + random() * interval '92 days' as requested,
             random() as u, random() as v, random() * interval '2 hours' as extract_delay
      from generate_series(1, :transfers) g) x
join patient p on p.i = x.g % :patients
cross join lateral (
  select s.status, s.code,
         case when s.has_extract then x.requested + x.extract_delay end as received,
         case when s.status in ('INTEGRATED', 'SUPPRESSED') then x.requested + x.extract_delay + s.answer end as integrated,
         case when s.terminal then x.requested + x.extract_delay + coalesce(s.answer, interval '1 hour') end as completed
  from (select
      case when x.role = 'REQUESTER' then
        case when x.u < 0.86 then 'INTEGRATED' when x.u < 0.89 then 'INTEGRATED' when x.u < 0.90 then 'SUPPRESSED'
             when x.u < 0.91 then 'REJECTED' when x.u < 0.93 then 'FAILED' when x.u < 0.94 then 'TIMED_OUT'
             when x.u < 0.97 then 'READY_TO_INTEGRATE' when x.u < 0.985 then 'REQUESTED'
             when x.u < 0.99 then 'WAITING_FOR_PARTS' else 'CANCELLED' end
      else
        case when x.u < 0.90 then 'COMPLETE' when x.u < 0.93 then 'NOT_INTEGRATED' when x.u < 0.96 then 'REFUSED'
             when x.u < 0.98 then 'EXTRACT_SENT' else 'WAITING_FOR_EXTRACT' end
      end as status,
      case when x.role = 'REQUESTER' then
        case when x.u >= 0.90 and x.u < 0.91 then (array['11', '17', '28'])[1 + floor(x.v * 3)::int]
             when x.u >= 0.91 and x.u < 0.93 then (array['06', '07', '10', '19', '20', '24', '30', '99'])[1 + floor(x.v * 8)::int] end
      else
        case when x.u >= 0.90 and x.u < 0.93 then (array['99', '11', '28'])[1 + floor(x.v * 3)::int]
             when x.u >= 0.93 and x.u < 0.96 then (array['06', '19', '10', '20'])[1 + floor(x.v * 4)::int] end
      end as code,
      -- when the practice answered: within 8 days mostly, late for a few (requester 0.86-0.89, sender 0.88-0.90)
      case when (x.role = 'REQUESTER' and x.u >= 0.86 and x.u < 0.89) or (x.role = 'SENDER' and x.u >= 0.88 and x.u < 0.90)
           then interval '8 days 1 hour' + x.v * interval '12 days'
           when (x.role = 'REQUESTER' and x.u < 0.91) or (x.role = 'SENDER' and x.u < 0.93)
           then x.v * interval '8 days' end as answer,
      (x.role = 'REQUESTER' and (x.u < 0.91 or (x.u >= 0.94 and x.u < 0.97) or (x.u >= 0.985 and x.u < 0.99)))
        or (x.role = 'SENDER' and x.u < 0.93) or (x.role = 'SENDER' and x.u >= 0.96 and x.u < 0.98) as has_extract,
      (x.role = 'REQUESTER' and (x.u < 0.94 or x.u >= 0.99)) or (x.role = 'SENDER' and x.u < 0.96) as terminal
  ) s
) o;

select setval('transfer_seq', (select max(id) from transfer) + 50);
