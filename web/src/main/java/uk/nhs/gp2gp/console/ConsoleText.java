package uk.nhs.gp2gp.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import uk.nhs.gp2gp.transfer.ReasonCode;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferDashboard;
import uk.nhs.gp2gp.transfer.TransferOutcomeGroup;
import uk.nhs.gp2gp.transfer.TransferStatus;

/** How the console words states, times and codes, the same on every page. */
@Named("text")
@ApplicationScoped
public class ConsoleText {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm");

    public static String status(TransferStatus status) {
        String words = status.name().replace('_', ' ').toLowerCase();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public String of(TransferStatus status) {
        return status == null ? "" : status(status);
    }

    /** A CSS class per outcome group, for the coloured status badges. */
    public String badge(TransferStatus status) {
        return status == null ? "" : badgeOf(status);
    }

    static String badgeOf(TransferStatus status) {
        return "badge badge-" + TransferOutcomeGroup.of(status).name().toLowerCase();
    }

    public String when(Instant instant) {
        return instant == null ? "" : WHEN.format(ZonedDateTime.ofInstant(instant, TransferDashboard.UK));
    }

    public String reason(String code) {
        return code == null ? "" : ReasonCode.of(code).map(r -> code + " " + r.shortName()).orElse(code);
    }

    /** 943 476 5919: NHS numbers are read out in groups of 3, 3 and 4. */
    public String nhsNumber(String number) {
        return number != null && number.length() == 10
                ? number.substring(0, 3) + " " + number.substring(3, 6) + " " + number.substring(6) : number;
    }

    public String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }

    /** Days left of the 8-day integration window; negative when it has passed. */
    public long daysLeft(Transfer transfer) {
        Instant deadline = transfer.integrationDeadline();
        return deadline == null ? 0 : java.time.Duration.between(Instant.now(), deadline).toDays();
    }

    public int percent(Transfer transfer) {
        return transfer.getExpectedParts() == 0 ? 0
                : Math.min(100, 100 * transfer.getReceivedParts() / transfer.getExpectedParts());
    }
}
