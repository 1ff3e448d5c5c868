package uk.nhs.gp2gp.transfer;

import java.util.List;
import uk.nhs.gp2gp.content.StoredContent;

/**
 * What a resource shows of one transfer, read in one transaction: the transfer, its messages and
 * the files that came with it (null when not shown), and whether the old practice's record went to
 * the national repository.
 */
public record TransferDetails(Transfer transfer, List<TransferMessage> timeline, List<StoredContent> attachments,
        boolean sentToRepository) {
}
