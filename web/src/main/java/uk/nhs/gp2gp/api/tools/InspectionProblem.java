package uk.nhs.gp2gp.api.tools;

import jakarta.ws.rs.core.Response;
import java.util.List;
import uk.nhs.gp2gp.api.problem.Problem;

/**
 * A message that is malformed, hostile or not GP2GP: an RFC 9457 problem listing each fault (field,
 * location, what was expected, the NACK code) and, when part of it could be read, what that was.
 */
public record InspectionProblem(String type, String title, int status, String detail,
        List<InspectionView.FindingView> errors, List<InspectionView.FindingView> warnings, InspectionView message) {

    static Response of(String detail, List<InspectionView.FindingView> errors,
            List<InspectionView.FindingView> warnings, InspectionView partial) {
        return Response.status(Response.Status.BAD_REQUEST).type(Problem.PROBLEM_JSON)
                .entity(new InspectionProblem("urn:gp2gp:problem:invalid-message", "Bad Request", 400, detail,
                        errors, warnings, partial))
                .build();
    }
}
