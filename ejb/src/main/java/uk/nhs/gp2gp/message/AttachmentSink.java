package uk.nhs.gp2gp.message;

import java.io.IOException;

/**
 * Where a parser hands each attachment's content while it streams past: store it, digest it, or
 * ignore it. Whatever the sink does not read is skipped (and still counted).
 */
@FunctionalInterface
public interface AttachmentSink {

    AttachmentSink DISCARD = part -> {
    };

    void accept(MimePart part) throws IOException;
}
