package uk.nhs.gp2gp.record;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import uk.nhs.gp2gp.content.ContentStore;
import uk.nhs.gp2gp.content.StoredContent;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.message.AttachmentDescription;
import uk.nhs.gp2gp.message.MessageParser;
import uk.nhs.gp2gp.message.NackCode;
import uk.nhs.gp2gp.message.UnreadableMessageException;

/** The records hosted practices keep here, to send when another practice asks for them. */
@Stateless
// Who may call: every caller: the workflow (no caller) reads and writes records; the API's resource checks its
// key's practice.
@PermitAll
public class PatientRecords {

    public static final String EXTRACT_CONTENT_ID = "extract";

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Inject
    private Clock clock;

    @EJB
    private ContentStore contentStore;

    @Resource
    private SessionContext context;

    public Optional<PatientRecord> find(OdsCode practice, NhsNumber patient) {
        return em.createNamedQuery(PatientRecord.BY_PRACTICE_AND_PATIENT, PatientRecord.class)
                .setParameter("odsCode", practice.value()).setParameter("nhsNumber", patient.value())
                .getResultStream().findFirst();
    }

    /**
     * Checks and stores a record a practice will send: an RCMR_IN030000UK06 message or a bare
     * EhrExtract about this patient. Returns true when the practice had no record of the patient.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean storeChecked(OdsCode practice, NhsNumber patient, byte[] extractXml) {
        return storeChecked(practice, patient, extractXml, Collections.emptyIterator());
    }

    /**
     * As {@link #storeChecked(OdsCode, NhsNumber, byte[])}, with the record's attachments, each
     * streamed into the store as the iterator gives it (an upload is never held in memory whole).
     * Everything is staged first, in short transactions of its own, then swapped in at once in one
     * short transaction: no lock is held while a client sends, and an upload that fails half-way
     * leaves the practice's record as it was.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean storeChecked(OdsCode practice, NhsNumber patient, byte[] extractXml,
            Iterator<RecordAttachment> attachments) {
        String inside = new MessageParser().nhsNumberOfRecord(new ByteArrayInputStream(extractXml));
        if (!patient.value().equals(inside)) {
            throw new UnreadableMessageException("nhsNumber",
                    "The record is about another NHS number than the one in the address", NackCode.EXTRACT_MALFORMED);
        }
        List<StoredContent> staged = new ArrayList<>();
        try {
            staged.add(contentStore.stage(EXTRACT_CONTENT_ID, "application/xml", new ByteArrayInputStream(extractXml)));
            while (attachments.hasNext()) {
                RecordAttachment attachment = attachments.next();
                StoredContent file = contentStore.stage(attachment.contentId(), attachment.contentType(),
                        attachment.content());
                String description = attachment.description() == null || attachment.description().isBlank()
                        ? AttachmentDescription.of(attachment.contentId(), attachment.contentType(), file.getLength())
                        : attachment.description().strip();
                staged.add(file.describedAs(description, false, false));
            }
            return context.getBusinessObject(PatientRecords.class).replaceWith(practice, patient, staged);
        } catch (RuntimeException e) {
            contentStore.discardQuietly(staged);
            throw e;
        }
    }

    /**
     * The swap: the staged content becomes the practice's record of the patient, as described; the
     * record it replaces is discarded, its bytes deleted in the background. Returns true when new.
     */
    public boolean replaceWith(OdsCode practice, NhsNumber patient, List<StoredContent> staged) {
        Optional<PatientRecord> existing = locked(practice, patient);
        PatientRecord record = emptied(existing, practice, patient);
        for (StoredContent upload : staged) {
            contentStore.staged(upload.getId()).movedToRecord(record.getId(), upload.getContentId(),
                    upload.getDescription());
        }
        return existing.isEmpty();
    }

    /** The practice's record of the patient, locked so that two replacements at once follow one another. */
    private Optional<PatientRecord> locked(OdsCode practice, NhsNumber patient) {
        return em.createNamedQuery(PatientRecord.BY_PRACTICE_AND_PATIENT, PatientRecord.class)
                .setParameter("odsCode", practice.value()).setParameter("nhsNumber", patient.value())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    /** The practice's record of the patient with nothing in it: a new one, or the old one emptied to be replaced. */
    private PatientRecord emptied(Optional<PatientRecord> existing, OdsCode practice, NhsNumber patient) {
        PatientRecord record = existing.orElseGet(() -> new PatientRecord(practice, patient, clock.instant()));
        if (existing.isPresent()) {
            record.replaced(clock.instant());
            contents(record).forEach(StoredContent::discarded);
        } else {
            em.persist(record);
            em.flush();
        }
        return record;
    }

    /**
     * The record that arrived in a transfer becomes this practice's record of the patient (the
     * repository holds what it received): its extract and attachments change owner, no bytes are
     * copied. An earlier record of the patient is replaced. Returns the record's size in bytes.
     */
    public long adoptFromTransfer(OdsCode practice, NhsNumber patient, long transferId) {
        PatientRecord record = emptied(locked(practice, patient), practice, patient);
        long size = 0;
        for (StoredContent extract : contentStore.ofTransfer(transferId, StoredContent.Kind.EXTRACT)) {
            extract.movedToRecord(record.getId(), EXTRACT_CONTENT_ID, null);
            size += extract.getLength();
        }
        for (StoredContent file : contentStore.ofTransfer(transferId, StoredContent.Kind.ATTACHMENT)) {
            // Stored as the original file: described again as sent whole and uncompressed.
            String name = AttachmentDescription.parse(file.getDescription()).filename();
            file.movedToRecord(record.getId(), file.getContentId(), AttachmentDescription.of(
                    name == null || name.isBlank() ? file.getContentId() : name, file.getMediaType(), file.getLength()));
            size += file.getLength();
        }
        return size;
    }

    /** Deletes the practice's record of the patient and every byte of it; false when there was none. */
    public boolean delete(OdsCode practice, NhsNumber patient) {
        Optional<PatientRecord> record = find(practice, patient);
        record.ifPresent(r -> {
            contents(r).forEach(StoredContent::discarded);
            em.remove(r);
        });
        return record.isPresent();
    }

    public List<StoredContent> contents(PatientRecord record) {
        return em.createNamedQuery(StoredContent.OF_RECORD, StoredContent.class)
                .setParameter("recordId", record.getId()).getResultList();
    }

    /** The record's attachments (everything stored with it but the extract). */
    public List<StoredContent> attachments(PatientRecord record) {
        return contents(record).stream().filter(c -> !EXTRACT_CONTENT_ID.equals(c.getContentId())).toList();
    }

    public byte[] read(StoredContent content) {
        return contentStore.readAll(content.getId());
    }

    /** The stored extract, to read as a stream (close it). */
    public InputStream openExtract(PatientRecord record) {
        return contentStore.open(extractOf(record).getId());
    }

    /** The stored extract's description: its length, for one. */
    public StoredContent extractOf(PatientRecord record) {
        return contents(record).stream().filter(c -> EXTRACT_CONTENT_ID.equals(c.getContentId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("Record " + record.getId() + " has no extract"));
    }
}
