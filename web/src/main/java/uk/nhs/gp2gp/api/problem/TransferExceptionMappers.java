package uk.nhs.gp2gp.api.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import uk.nhs.gp2gp.message.UnreadableMessageException;
import uk.nhs.gp2gp.transfer.IllegalTransitionException;
import uk.nhs.gp2gp.transfer.TransferConflictException;
import uk.nhs.gp2gp.transfer.TransferNotFoundException;
import uk.nhs.gp2gp.transfer.TransferRequestException;

/** The transfer workflow's refusals, each as the problem a partner system can act on. */
public final class TransferExceptionMappers {

    private TransferExceptionMappers() {
    }

    /** 400 naming the field: an unknown or unhosted practice, for instance. */
    @Provider
    public static class BadTransferRequest implements ExceptionMapper<TransferRequestException> {
        @Override
        public Response toResponse(TransferRequestException e) {
            return Problem.invalidField(e.field(), e.getMessage()).toResponse();
        }
    }

    /** 409: one transfer per patient and requesting practice at a time. */
    @Provider
    public static class TransferInProgress implements ExceptionMapper<TransferConflictException> {
        @Override
        public Response toResponse(TransferConflictException e) {
            return Problem.of(Response.Status.CONFLICT, "transfer-in-progress", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class NoSuchTransfer implements ExceptionMapper<TransferNotFoundException> {
        @Override
        public Response toResponse(TransferNotFoundException e) {
            return Problem.of(Response.Status.NOT_FOUND, "not-found", e.getMessage()).toResponse();
        }
    }

    /** 409: the transfer is not in a state where this can be done (an outcome twice, for instance). */
    @Provider
    public static class WrongState implements ExceptionMapper<IllegalTransitionException> {
        @Override
        public Response toResponse(IllegalTransitionException e) {
            return Problem.of(Response.Status.CONFLICT, "wrong-state",
                    "The transfer is " + e.from() + ": this cannot be done now").toResponse();
        }
    }

    /** 400: a record or message that is not valid GP2GP, saying which field and why. */
    @Provider
    public static class UnreadableMessage implements ExceptionMapper<UnreadableMessageException> {
        @Override
        public Response toResponse(UnreadableMessageException e) {
            return Problem.invalidField(e.field(), e.getMessage()).toResponse();
        }
    }
}
