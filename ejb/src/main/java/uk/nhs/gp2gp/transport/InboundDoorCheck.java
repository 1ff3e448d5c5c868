package uk.nhs.gp2gp.transport;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Reads the /mhs/inbound secrets at start, so that a setting that cannot be used (a short secret, a
 * peer entry without a name) fails the deployment with its message instead of leaving the door
 * open or a peer silently left out.
 */
@Singleton
@Startup
public class InboundDoorCheck {

    @Inject
    private InboundPeers peers;

    @PostConstruct
    void check() {
        peers.announce();
    }
}
