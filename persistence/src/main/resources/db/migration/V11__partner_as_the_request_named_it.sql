-- Issue 18: the partner practice as its request named it (HL7 sending ASID, ebXML From party key). Our answers go
-- to these, as the NHS adaptors answer, so that a requester the practice directory does not list can be answered
-- through the MHS adaptor. Null for transfers we started: their partner is in the directory.
alter table transfer add column partner_asid varchar(20);
alter table transfer add column partner_party_key varchar(40);
