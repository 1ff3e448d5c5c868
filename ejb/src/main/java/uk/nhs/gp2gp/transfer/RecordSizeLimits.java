package uk.nhs.gp2gp.transfer;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The configured limits on what a received record decompresses to (defaults: 1 GiB a file, 2 GiB a record). */
@Dependent
public class RecordSizeLimits {

    @Inject
    @ConfigProperty(name = RecordSizeBudget.MAX_FILE_KEY, defaultValue = "1073741824")
    long maxFileBytes;

    @Inject
    @ConfigProperty(name = RecordSizeBudget.MAX_RECORD_KEY, defaultValue = "2147483648")
    long maxRecordBytes;

    /** A budget for one transfer of which {@code alreadyStored} bytes are kept already. */
    RecordSizeBudget budget(long alreadyStored) {
        return new RecordSizeBudget(maxFileBytes, maxRecordBytes, alreadyStored);
    }
}
