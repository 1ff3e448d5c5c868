package uk.nhs.gp2gp.transfer;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import uk.nhs.gp2gp.identifier.InvalidIdentifierException;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.practice.Practices;

/**
 * Which practice of the directory a message names, as Spine and the NHS adaptors name practices: the
 * whole ebXML party key (against the directory's partyKey), else the HL7 ASID (communicationFunctionSnd
 * for the sender, Rcv for the receiver), else the ODS code the HL7 payload gives. An ODS code is never
 * cut from a party key: {@code YGM24-820388} is M85019's. The peer checks and the "hosted here" checks
 * all identify through here, so they agree on who is speaking.
 */
@ApplicationScoped
public class PracticeIdentification {

    @EJB
    private Practices practices;

    /** How the directory is searched; the rule itself is plain Java ({@link #identify}). */
    interface Directory {

        Optional<Practice> byPartyKey(String partyKey);

        Optional<Practice> byAsid(String asid);

        Optional<Practice> byOds(String odsCode);
    }

    /** The practice that sent the message; empty when the directory does not list it. */
    public Optional<Practice> sender(ReceivedMessage message) {
        return identify(message.sender(), directory());
    }

    /** The practice the message is for; empty when the directory does not list it. */
    public Optional<Practice> receiver(ReceivedMessage message) {
        return identify(message.receiver(), directory());
    }

    /** Every practice of the directory that one of the sender's identifiers names (an impostor may mix them). */
    public List<Practice> namedAsSender(ReceivedMessage message) {
        return everyNamed(message.sender(), directory());
    }

    static Optional<Practice> identify(Party party, Directory directory) {
        return directory.byPartyKey(party.partyKey())
                .or(() -> directory.byAsid(party.asid()))
                .or(() -> directory.byOds(party.odsCode()));
    }

    static List<Practice> everyNamed(Party party, Directory directory) {
        return Stream.of(directory.byPartyKey(party.partyKey()), directory.byAsid(party.asid()),
                directory.byOds(party.odsCode())).flatMap(Optional::stream).distinct().toList();
    }

    private Directory directory() {
        return new Directory() {
            @Override
            public Optional<Practice> byPartyKey(String partyKey) {
                return practices.findByPartyKey(partyKey);
            }

            @Override
            public Optional<Practice> byAsid(String asid) {
                return practices.findByAsid(asid);
            }

            @Override
            public Optional<Practice> byOds(String odsCode) {
                try {
                    return odsCode == null ? Optional.empty() : practices.find(OdsCode.of(odsCode));
                } catch (InvalidIdentifierException notACode) {
                    return Optional.empty();
                }
            }
        };
    }
}
