package uk.nhs.gp2gp.message;

import java.util.List;

/**
 * A fragment index: the COPC {@code messageId} whose manifest lists, in order, the messages that
 * carry the fragments of one large attachment. The order of {@code fragments} is the order in which
 * their contents are joined (protocol 3.8, 4.4). An index may also carry the first part inline.
 */
public record FragmentIndex(String messageId, String fileName, List<ExternalAttachment> fragments) {

    public FragmentIndex {
        fragments = List.copyOf(fragments);
    }

    /** Where the fragment sent as message {@code fragmentMessageId} goes (0-based), or -1. */
    public int positionOf(String fragmentMessageId) {
        for (int i = 0; i < fragments.size(); i++) {
            if (fragments.get(i).messageId().equalsIgnoreCase(fragmentMessageId)) {
                return i;
            }
        }
        return -1;
    }
}
