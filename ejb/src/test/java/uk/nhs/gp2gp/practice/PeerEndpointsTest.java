package uk.nhs.gp2gp.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Peer endpoints are https://; plain http only in development (gp2gp.inbound.open=true). */
class PeerEndpointsTest {

    @Test
    void httpsIsAlwaysTaken() {
        assertEquals(Optional.empty(), PeerEndpoints.refusal("https://hub-b.example.nhs.uk", false));
        assertEquals(Optional.empty(), PeerEndpoints.refusal("HTTPS://hub-b.example.nhs.uk/", true));
    }

    @Test
    void plainHttpOnlyWhenOpen() {
        assertTrue(PeerEndpoints.refusal("http://127.0.0.1:8081", false).orElseThrow().contains("https://"));
        assertEquals(Optional.empty(), PeerEndpoints.refusal("http://127.0.0.1:8081", true));
    }

    @Test
    void anythingElseIsRefusedEvenWhenOpen() {
        assertTrue(PeerEndpoints.refusal("ftp://hub-b", true).isPresent());
        assertTrue(PeerEndpoints.refusal("hub-b:8080", true).isPresent());
    }

    @Test
    void noEndpointIsNothingToCheck() {
        assertEquals(Optional.empty(), PeerEndpoints.refusal(null, false));
        assertEquals(Optional.empty(), PeerEndpoints.refusal(" ", false));
    }
}
