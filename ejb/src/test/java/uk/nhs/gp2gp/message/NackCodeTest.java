package uk.nhs.gp2gp.message;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.transfer.ReasonCode;

/** The codes a reader raises are GP2GP reason codes the workflow knows (and can explain). */
class NackCodeTest {

    @Test
    void everyNackCodeIsAKnownReasonCode() {
        for (NackCode code : NackCode.values()) {
            assertTrue(ReasonCode.of(code.code()).isPresent(), code + " is not a ReasonCode");
        }
    }
}
