package uk.nhs.gp2gp.transfer;

import uk.nhs.gp2gp.practice.Practice;

/** A practice as the messages name it: ODS code, system (ASID) and ebXML party key. */
public record Party(String odsCode, String asid, String partyKey) {

    public static Party of(Practice practice) {
        return new Party(practice.getOdsCode(), practice.getAsid(), practice.getPartyKey());
    }
}
