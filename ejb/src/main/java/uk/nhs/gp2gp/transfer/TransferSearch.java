package uk.nhs.gp2gp.transfer;

import java.time.Instant;
import java.util.Set;

/**
 * What to look for among transfers. {@code odsCodes} limits the search to transfers of those
 * practices (a partner's key sees its own only); null means any practice.
 */
public record TransferSearch(String ods, TransferStatus status, String nhsNumber, Instant from, Instant to,
        Set<String> odsCodes, int page, int size) {
}
