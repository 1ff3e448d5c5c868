package uk.nhs.gp2gp.api.practice;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import uk.nhs.gp2gp.identifier.InvalidIdentifierException;
import uk.nhs.gp2gp.record.RecordAttachment;
import uk.nhs.gp2gp.transfer.AttachmentDescription;

/** Reads a record uploaded as {@code multipart/related} with Jakarta Mail's MIME parser. */
final class MultipartRecord {

    private MultipartRecord() {
    }

    static PracticeRecordResource.Upload parse(byte[] body, String contentType) {
        try {
            MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(body, contentType));
            if (multipart.getCount() < 1) {
                throw new InvalidIdentifierException("record", "The multipart body has no parts");
            }
            byte[] extract = multipart.getBodyPart(0).getInputStream().readAllBytes();
            List<RecordAttachment> attachments = new ArrayList<>();
            for (int i = 1; i < multipart.getCount(); i++) {
                attachments.add(attachment(multipart.getBodyPart(i), i));
            }
            return new PracticeRecordResource.Upload(extract, attachments);
        } catch (MessagingException | IOException e) {
            throw new InvalidIdentifierException("record", "The multipart/related body cannot be read: "
                    + e.getClass().getSimpleName());
        }
    }

    private static RecordAttachment attachment(BodyPart part, int index) throws MessagingException, IOException {
        String[] ids = part.getHeader("Content-Id");
        if (ids == null || ids[0].isBlank()) {
            throw new InvalidIdentifierException("Content-Id", "Attachment part " + index + " has no Content-Id");
        }
        String contentId = ids[0].strip().replaceAll("^<|>$", "");
        String type = part.getContentType() == null ? "application/octet-stream"
                : part.getContentType().split(";")[0].strip();
        byte[] bytes = part.getInputStream().readAllBytes();
        String[] descriptions = part.getHeader("Content-Description");
        String description = descriptions == null || descriptions[0].isBlank()
                ? AttachmentDescription.of(contentId, type, bytes.length) : descriptions[0].strip();
        return new RecordAttachment(contentId, type, description, bytes);
    }
}
