package uk.nhs.gp2gp.api.practice;

import java.time.Instant;
import uk.nhs.gp2gp.practice.Practice;

/** A practice as the API shows it. */
public record PracticeView(String odsCode, String name, String asid, String partyKey, boolean hosted,
        String endpointUrl, String supplier, boolean nationalRepository, String peer, Instant updatedAt) {

    static PracticeView of(Practice p) {
        return new PracticeView(p.getOdsCode(), p.getName(), p.getAsid(), p.getPartyKey(), p.isHosted(),
                p.getEndpointUrl(), p.getSupplier(), p.isNationalRepository(), p.getPeer(),
                p.getUpdatedAt());
    }
}
