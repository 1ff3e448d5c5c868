package uk.nhs.gp2gp.transport;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.gp2gp.practice.PeerEndpoints;
import uk.nhs.gp2gp.practice.Practice;

/**
 * The spine stand-in that lets the whole protocol run with nothing else installed: messages for
 * practices hosted here are handed straight to our own inbound side; messages for practices on a
 * peer instance are posted to that instance's {@code /mhs/inbound} (https only, with that peer's own
 * secret; {@code gp2gp.inbound.open=true} also allows plain http and a peer without a secret).
 */
@ApplicationScoped
public class LoopbackTransport implements Transport {

    @EJB
    private InboundReceiver inbound;

    @Inject
    private InboundPeers peers;

    @Inject
    private PeerEndpoints endpoints;

    @EJB
    private OutboundSettings settings;

    /**
     * Deliver every message this many times. Spine may deliver a message more than once; tests set
     * 3 to prove that every step takes a duplicate as a duplicate. Production leaves it at 1.
     */
    @Inject
    @ConfigProperty(name = "gp2gp.loopback.repeat-deliveries", defaultValue = "1")
    private int deliveries;

    @Override
    public void send(OutboundMessage message, Practice destination) throws TransportException {
        for (int i = 0; i < Math.max(1, deliveries); i++) {
            deliverOnce(message, destination);
        }
    }

    private void deliverOnce(OutboundMessage message, Practice destination) throws TransportException {
        if (destination.isHosted()) {
            InboundOutcome outcome = inbound.receive(message.envelope(), InboundSource.INSIDE);
            if (outcome.isRefused()) {
                throw new TransportException("Our inbound side refused the message: " + outcome.detail(), false);
            }
            return;
        }
        if (destination.getEndpointUrl() == null || destination.getEndpointUrl().isBlank()) {
            throw new TransportException("Practice " + destination.getOdsCode()
                    + " is neither hosted here nor has a peer endpoint URL in the practice directory", false);
        }
        Optional<String> notHttps = endpoints.refusal(destination.getEndpointUrl());
        if (notHttps.isPresent()) {
            throw new TransportException("Practice " + destination.getOdsCode() + ": the endpointUrl in the practice "
                    + "directory " + notHttps.get(), false);
        }
        Optional<String> secret = peers.secretFor(destination);
        if (secret.isEmpty() && !peers.isDevelopment()) {
            // The MHS adaptor's shared secret is never sent to a peer; without a secret of its own it would get 401.
            throw new TransportException("Practice " + destination.getOdsCode() + " has no peer of its own: name its "
                    + "peer in the practice directory (peer, with its secret in gp2gp.inbound.peers) to send to it "
                    + "over loopback", false);
        }
        URI target = URI.create(destination.getEndpointUrl().replaceAll("/+$", "") + "/mhs/inbound");
        HttpDelivery.post(target, secret.map(s -> Map.of(InboundReceiver.SECRET_HEADER, s)).orElse(Map.of()),
                message.envelope(), settings.timeout());
    }
}
