package uk.nhs.gp2gp.message;

/**
 * What is sent in place of a file that cannot travel, such as an empty one: the adaptor refuses an
 * empty payload. A short text file saying so, in the words the NHS sender adaptor uses
 * ({@code absent_attachment_template.mustache}): the file's name, who sent it in which conversation,
 * and the reason.
 */
public final class AbsentAttachment {

    public static final String CONTENT_TYPE = "text/plain";

    private AbsentAttachment() {
    }

    public static String text(String originalFileName, String senderOds, String conversationId) {
        return "The file could not be included with the Electronic Record\n" + originalFileName + "\n" + senderOds
                + ":" + conversationId + "\nReason:06:Unable to determine problem\n";
    }
}
