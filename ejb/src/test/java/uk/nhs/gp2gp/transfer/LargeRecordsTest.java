package uk.nhs.gp2gp.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of large messaging that need no server: when a record needs it, sizes, the skeleton flag. */
class LargeRecordsTest {

    @Test
    void base64LengthIsWhatTheEncoderWrites() {
        for (int bytes : new int[] {0, 1, 2, 3, 4, 5, 6, 3_375_000, 3_375_001}) {
            assertEquals(Base64.getEncoder().encodeToString(new byte[bytes]).length(),
                    LargeRecordSender.base64Length(bytes), bytes + " bytes");
        }
    }

    @Test
    void aRecordGoesInlineUpToTheLimitsOfOneMessage() {
        // 3,375,000 bytes are exactly 4,500,000 characters of base64: the most one message carries in all.
        assertTrue(InlineLimits.fit(List.of(3_375_000L)));
        assertFalse(InlineLimits.fit(List.of(3_375_001L)), "one byte more needs large messaging");
        assertFalse(InlineLimits.fit(List.of(2_000_000L, 2_000_000L)), "together too large");
        assertTrue(InlineLimits.fit(Collections.nCopies(98, 10L)));
        assertFalse(InlineLimits.fit(Collections.nCopies(99, 10L)), "99 files is one more than a message carries");
        assertNull(InlineLimits.check(List.of()));
    }

    @Test
    void theSkeletonIsKnownByItsDomainDataWhateverTheSpacingAndCase() {
        assertTrue(LargeRecordParts.isSkeleton("Filename=\"x.gzip\" ContentType=text/xml DomainData=\"X-GP2GP-Skeleton: Yes\""));
        assertTrue(LargeRecordParts.isSkeleton("DomainData=\"x-gp2gp-skeleton:YES\""));
        assertFalse(LargeRecordParts.isSkeleton("Filename=\"x.txt\" ContentType=text/plain"));
        assertFalse(LargeRecordParts.isSkeleton(null));
    }
}
