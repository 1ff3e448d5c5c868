package uk.nhs.gp2gp.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;

/** The rules of gp2gp.inbound.shared-secret, gp2gp.inbound.peers and gp2gp.inbound.open. */
class InboundPeersTest {

    private static final String MHS = "mhs-adaptor-secret-0123456789";
    private static final String HUB_B = "hub-b-pair-secret-0123456789";

    @Test
    void peersAreNameEqualsSecretSeparatedByCommas() {
        Map<String, byte[]> peers = InboundPeers.parsePeers(" hub-b = " + HUB_B + ",hub-c=" + MHS + ",, ");
        assertEquals(List.of("hub-b", "hub-c"), List.copyOf(peers.keySet()));
        assertArrayEquals(HUB_B.getBytes(StandardCharsets.UTF_8), peers.get("hub-b"));
        assertTrue(InboundPeers.parsePeers("").isEmpty());
    }

    @Test
    void anEntryThatCannotBeUsedStopsTheStartNamingItButNotItsSecret() {
        String shortSecret = "short-secret";
        IllegalStateException tooShort = assertThrows(IllegalStateException.class,
                () -> InboundPeers.parsePeers("hub-b=" + HUB_B + ",hub-c=" + shortSecret));
        assertTrue(tooShort.getMessage().startsWith("gp2gp.inbound.peers:"), tooShort.getMessage());
        assertTrue(tooShort.getMessage().contains("'hub-c'") && tooShort.getMessage().contains("16"));
        assertFalse(tooShort.getMessage().contains(shortSecret));

        IllegalStateException badName = assertThrows(IllegalStateException.class,
                () -> InboundPeers.parsePeers("Hub_B=" + HUB_B));
        assertTrue(badName.getMessage().contains("no usable name") && badName.getMessage().contains("number 1"));
        assertFalse(badName.getMessage().contains("Hub_B") || badName.getMessage().contains(HUB_B));

        assertThrows(IllegalStateException.class, () -> InboundPeers.parsePeers("hub-b"), "no secret");
        assertThrows(IllegalStateException.class, () -> InboundPeers.parsePeers("=" + HUB_B), "no name");
        assertThrows(IllegalStateException.class, () -> InboundPeers.parsePeers("hub-b=" + HUB_B + ",hub-b=" + MHS),
                "named twice");
    }

    @Test
    void theSharedSecretNeedsSixteenCharacters() {
        assertNull(InboundPeers.parseShared("  "));
        assertArrayEquals("0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                InboundPeers.parseShared("0123456789abcdef"));
        IllegalStateException tooShort = assertThrows(IllegalStateException.class,
                () -> InboundPeers.parseShared("0123456789abcde"));
        assertTrue(tooShort.getMessage().startsWith("gp2gp.inbound.shared-secret is shorter than 16"));
        assertFalse(tooShort.getMessage().contains("0123456789abcde"));
    }

    @Test
    void withNoSecretTheDoorIsClosedUnlessOpenForDevelopment() {
        InboundPeers closed = peers(null, null, false);
        assertTrue(closed.isClosed());
        assertEquals(Optional.empty(), closed.identify(null));
        assertEquals(Optional.empty(), closed.identify("anything-at-all-here"));

        InboundPeers open = peers(null, null, true);
        assertTrue(open.isOpen());
        assertEquals(Optional.of(InboundSource.UNAUTHENTICATED), open.identify(null));
    }

    @Test
    void onceASecretIsSetItIsRequiredEvenWhenOpen() {
        for (boolean open : new boolean[] {false, true}) {
            InboundPeers peers = peers(MHS, "hub-b=" + HUB_B, open);
            assertFalse(peers.isOpen());
            assertFalse(peers.isClosed());
            assertEquals(Optional.empty(), peers.identify(null));
            assertEquals(Optional.empty(), peers.identify("not-" + MHS));
            assertEquals(Optional.of(InboundSource.MHS), peers.identify(MHS));
            assertEquals(Optional.of(InboundSource.peer("hub-b")), peers.identify(HUB_B));
        }
    }

    @Test
    void onlyAPeersOwnSecretGoesToItNeverTheMhsAdaptors() {
        InboundPeers peers = peers(MHS, "hub-b=" + HUB_B, true);
        assertEquals(Optional.of(HUB_B), peers.secretFor(remote("hub-b")));
        assertEquals(Optional.empty(), peers.secretFor(remote(null)), "no peer: nothing, not the shared secret");
        assertEquals(Optional.empty(), peers.secretFor(remote("hub-x")), "a peer not configured: nothing");
    }

    @Test
    void insideIsNotTheOpenDoor() {
        assertTrue(InboundSource.INSIDE.inside());
        assertFalse(InboundSource.UNAUTHENTICATED.inside());
        assertFalse(InboundSource.INSIDE.equals(InboundSource.UNAUTHENTICATED));
    }

    static InboundPeers peers(String shared, String peerSetting, boolean open) {
        InboundPeers peers = new InboundPeers();
        peers.sharedSecret = Optional.ofNullable(shared);
        peers.peerSecrets = Optional.ofNullable(peerSetting);
        peers.open = open;
        peers.load();
        return peers;
    }

    static Practice remote(String peer) {
        Practice practice = new Practice(OdsCode.of("Q99402"), Instant.now());
        practice.update("Remote practice", "900000099402", "Q99402-1", false, "https://hub-b.example", null,
                Instant.now());
        practice.speakThrough(peer);
        return practice;
    }
}
