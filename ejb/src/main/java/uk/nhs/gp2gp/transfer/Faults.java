package uk.nhs.gp2gp.transfer;

import java.util.List;
import java.util.Optional;
import uk.nhs.gp2gp.message.Interaction;

/**
 * What a message deserves whose ids can be read but whose content cannot be used (protocol 2.4), the
 * one place that decides it: an extract gets 21 and a part (COPC) 30, each referring to that message,
 * as the patient switching adaptor answers them; a continue request reaching the sender gets 18
 * referring to the request, as the GP2GP adaptor's failProcess answers what it cannot process. An
 * acknowledgement has no code on either side: acknowledgements are never acknowledged, so it is only
 * noted and the timers decide. A request is refused at the door (there is no transfer to answer in).
 */
final class Faults {

    private Faults() {
    }

    /** The sides of a conversation that may receive this interaction, in the order they are looked for. */
    static List<TransferRole> sidesReceiving(Interaction interaction) {
        return switch (interaction) {
            case EHR_REQUEST -> List.of();
            case EHR_EXTRACT, EHR_EXTRACT_UK07 -> List.of(TransferRole.REQUESTER);
            // A part of a record we asked for, else a continue request for a record we sent.
            case COPC -> List.of(TransferRole.REQUESTER, TransferRole.SENDER);
            // The final acknowledgement of a record we sent, else the acknowledgement of our request.
            case ACKNOWLEDGEMENT -> List.of(TransferRole.SENDER, TransferRole.REQUESTER);
        };
    }

    /** The reason code of the negative acknowledgement; empty when there is none to send. */
    static Optional<ReasonCode> answer(Interaction interaction, TransferRole receivingSide) {
        return switch (interaction) {
            case EHR_EXTRACT, EHR_EXTRACT_UK07 -> Optional.of(ReasonCode.R21);
            case COPC -> Optional.of(receivingSide == TransferRole.SENDER ? ReasonCode.R18 : ReasonCode.R30);
            case EHR_REQUEST, ACKNOWLEDGEMENT -> Optional.empty();
        };
    }
}
