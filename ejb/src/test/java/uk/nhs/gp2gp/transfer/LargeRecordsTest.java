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
    void theWholeMessageCountsAgainstSpinesLimitNotOnlyItsAttachments() {
        // 3,375,000 bytes of file are 4,500,000 characters: inline with a small extract, not with a 600 KB one.
        assertTrue(InlineLimits.fit(100_000, List.of(3_375_000L)));
        assertFalse(InlineLimits.fit(600_000, List.of(3_375_000L)), "4.5 MB of attachments and a 600 KB extract");
        assertFalse(InlineLimits.fit(4_990_000, List.of()), "an extract alone near Spine's limit, with its envelope");
        long roomLeft = InlineLimits.SPINE_MAX_BYTES - InlineLimits.messageBytes(0, List.of(3L));
        assertTrue(InlineLimits.fit(roomLeft, List.of(3L)));
        assertFalse(InlineLimits.fit(roomLeft + 1, List.of(3L)), "one byte over 4,999,600 in all");
    }

    @Test
    void theSkeletonIsKnownByItsDomainDataWhateverTheSpacingAndCase() {
        assertTrue(LargeRecordParts.isSkeleton("Filename=\"x.gzip\" ContentType=text/xml DomainData=\"X-GP2GP-Skeleton: Yes\""));
        assertTrue(LargeRecordParts.isSkeleton("DomainData=\"x-gp2gp-skeleton:YES\""));
        assertFalse(LargeRecordParts.isSkeleton("Filename=\"x.txt\" ContentType=text/plain"));
        assertFalse(LargeRecordParts.isSkeleton(null));
    }
}
