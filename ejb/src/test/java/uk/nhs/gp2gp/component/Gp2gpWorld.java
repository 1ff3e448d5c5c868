package uk.nhs.gp2gp.component;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import uk.nhs.gp2gp.demographics.LocalDemographics;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.TestNhsNumbers;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.message.AttachmentSink;
import uk.nhs.gp2gp.message.EhrRequest;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.message.Hl7Writer;
import uk.nhs.gp2gp.message.Interaction;
import uk.nhs.gp2gp.message.MessageFactory;
import uk.nhs.gp2gp.message.MessageParser;
import uk.nhs.gp2gp.message.MhsJsonWriter;
import uk.nhs.gp2gp.message.OutgoingFile;
import uk.nhs.gp2gp.message.PracticeSystem;
import uk.nhs.gp2gp.practice.PracticeDetails;
import uk.nhs.gp2gp.practice.Practices;
import uk.nhs.gp2gp.record.PatientRecords;
import uk.nhs.gp2gp.scheduler.ScheduledTasks;
import uk.nhs.gp2gp.transfer.RequesterSide;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStore;
import uk.nhs.gp2gp.transport.InboundOutcome;
import uk.nhs.gp2gp.transport.InboundReceiver;
import uk.nhs.gp2gp.transport.InboundSource;
import uk.nhs.gp2gp.transport.Outbox;
import uk.nhs.gp2gp.transport.OutboxMessage;

/**
 * One practice hosted here and one partner practice reached through the MHS adaptor, around the
 * real components: the partner's messages are built with {@link MessageFactory} and arrive as the
 * MHS adaptor hands them over; what we send is read back from the outbox with the same codec.
 */
final class Gp2gpWorld implements AutoCloseable {

    static final PracticeSystem HOSTED = new PracticeSystem("P99101", "900000009101", "P99101-9101");
    static final PracticeSystem PARTNER = new PracticeSystem("P99102", "900000009102", "P99102-9102");

    final TestClock clock = new TestClock(Instant.parse("2027-01-11T09:00:00Z"));
    final MessageFactory partner = new MessageFactory(clock);
    final Components components;

    Gp2gpWorld() {
        this(Map.of());
    }

    /** With these settings over the defaults, and test doubles besides the clock. */
    Gp2gpWorld(Map<String, String> config, Object... doubles) {
        components = Components.start(config, Stream.concat(Stream.of(doubles), Stream.of(clock)).toArray());
        inTransaction(() -> {
            Practices practices = bean(Practices.class);
            practices.put(OdsCode.of(HOSTED.odsCode()), new PracticeDetails("Synthetic Hosted Surgery",
                    HOSTED.asid(), HOSTED.partyKey(), true, null, null));
            practices.put(OdsCode.of(PARTNER.odsCode()), new PracticeDetails("Synthetic Partner Surgery",
                    PARTNER.asid(), PARTNER.partyKey(), false, null, null));
        });
    }

    /** A new test NHS number of the 999 range with a valid check digit, never given before in this JVM. */
    static String newPatient() {
        return TestNhsNumbers.next().value();
    }

    /** A new patient whom demographics show registered at that practice. */
    String patientRegisteredAt(String odsCode) {
        String patient = newPatient();
        inTransaction(() -> bean(LocalDemographics.class).put(new NhsNumber(patient), odsCode, HOSTED.odsCode(),
                false, null));
        return patient;
    }

    /** The hosted practice stores the patient's record, as its system does through the API. */
    void storeRecord(String patient) {
        Gp2gpMessage asBuilt = partner.ehrExtract(MessageIds.newId(),
                (EhrRequest) partner.ehrRequest(MessageIds.newId(), patient, PARTNER, HOSTED).payload(), HOSTED,
                PARTNER, List.of());
        byte[] record = Hl7Writer.toXml(asBuilt.payload()).getBytes(StandardCharsets.UTF_8);
        inTransaction(() -> bean(PatientRecords.class).storeChecked(OdsCode.of(HOSTED.odsCode()),
                new NhsNumber(patient), record));
    }

    <T> T bean(Class<T> type) {
        return components.get(type);
    }

    <T> T inTransaction(Supplier<T> work) {
        return components.inTransaction(work);
    }

    void inTransaction(Runnable work) {
        components.inTransaction(work);
    }

    /** The hosted practice asks the partner for a new patient's record. */
    Transfer requestRecord() {
        return inTransaction(() -> bean(RequesterSide.class).request(new NhsNumber(newPatient()),
                OdsCode.of(HOSTED.odsCode()), OdsCode.of(PARTNER.odsCode())));
    }

    /** The partner's extract answering the request we sent in this transfer, with these files. */
    Gp2gpMessage extractFor(Transfer transfer, List<OutgoingFile> files) {
        EhrRequest request = (EhrRequest) sent(transfer).stream()
                .filter(m -> m.interaction().orElse(null) == Interaction.EHR_REQUEST).findFirst().orElseThrow()
                .payload();
        return partner.ehrExtract(transfer.getConversationId(), request, PARTNER, HOSTED, files);
    }

    /** The partner's message arrives through the MHS adaptor, in a transaction of its own. */
    InboundOutcome receive(Gp2gpMessage message) {
        return receive(json(message).getBytes(StandardCharsets.UTF_8));
    }

    /** The message as the MHS adaptor hands it over (each attachment's content a run of Qs). */
    static String json(Gp2gpMessage message) {
        return MhsJsonWriter.toJson(message, a -> "Q".repeat((int) a.length()));
    }

    /** An MHS JSON envelope arrives through the MHS adaptor, in a transaction of its own. */
    InboundOutcome receive(byte[] envelope) {
        return inTransaction(() -> bean(InboundReceiver.class).receive(envelope, InboundSource.MHS));
    }

    /** One beat of the scheduler, as the heartbeat runs it: due tasks claimed, then each run on its own. */
    void runDueTasks() {
        ScheduledTasks tasks = bean(ScheduledTasks.class);
        inTransaction(() -> tasks.claimDue(100)).forEach(id -> inTransaction(() -> tasks.run(id)));
    }

    Transfer transfer(String conversationId, TransferRole role) {
        return inTransaction(() -> bean(TransferStore.class).find(conversationId, role).orElseThrow());
    }

    /** What we queued for the partner in this transfer, oldest first, as the partner reads it. */
    List<Gp2gpMessage> sent(Transfer transfer) {
        return sentEnvelopes(transfer).stream()
                .map(envelope -> new MessageParser().parseJson(new ByteArrayInputStream(envelope),
                        AttachmentSink.DISCARD))
                .toList();
    }

    /** What we queued for the partner in this transfer, oldest first, as the MHS JSON the transport sends. */
    List<byte[]> sentEnvelopes(Transfer transfer) {
        return inTransaction(() -> {
            Outbox outbox = bean(Outbox.class);
            return outbox.ofTransfer(transfer.getId()).stream().map(OutboxMessage::getId).map(outbox::load)
                    .map(m -> m.envelope()).toList();
        });
    }

    @Override
    public void close() {
        components.close();
    }
}
