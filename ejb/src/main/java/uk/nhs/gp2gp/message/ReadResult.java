package uk.nhs.gp2gp.message;

import java.util.List;

/** What a reader made of one part, and what it noticed on the way (wrong namespace, odd values). */
record ReadResult<T>(T value, List<Violation> notes) {

    ReadResult {
        notes = List.copyOf(notes);
    }
}
