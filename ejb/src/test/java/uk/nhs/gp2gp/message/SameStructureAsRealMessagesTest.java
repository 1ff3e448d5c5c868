package uk.nhs.gp2gp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What we build has the element structure of the real NHS messages: the same element paths as a
 * fixture of the same kind (the EHR request has no schema in the fixtures, so this is its check).
 */
class SameStructureAsRealMessagesTest {

    private record Case(String fixture, Supplier<String> built) {
    }

    @TestFactory
    Stream<DynamicTest> builtMessagesHaveTheElementsOfRealOnes() {
        RealMessagesTest.assumeFixtures();
        Gp2gpMessage extract = MessageFactoryTest.extractWithFiles();
        return Stream.of(
                new Case("ehr-request/ga-request.payload.xml", () -> Hl7Writer.toXml(TestMessages.request().payload())),
                new Case("ack/ga-ack-AA.xml", () -> Hl7Writer.toXml(TestMessages.FACTORY.acknowledgement(
                        TestMessages.CONVERSATION, TestMessages.REQUESTER, TestMessages.SENDER, extract.messageId(),
                        Acknowledgement.Type.AA, null, null).payload())),
                new Case("ack/ga-ack-AR.xml", () -> Hl7Writer.toXml(TestMessages.FACTORY.acknowledgement(
                        TestMessages.CONVERSATION, TestMessages.SENDER, TestMessages.REQUESTER, extract.messageId(),
                        Acknowledgement.Type.AE, "06", "Patient not at surgery").payload())),
                new Case("continue/ga-continue.payload.xml", () -> Hl7Writer.toXml(TestMessages.FACTORY
                        .continueRequest(TestMessages.CONVERSATION, TestMessages.REQUESTER, TestMessages.SENDER,
                                extract.messageId()).payload())),
                new Case("fragment/ps-fragment-index.payload.xml", () -> Hl7Writer.toXml(TestMessages.FACTORY
                        .fragmentIndex(TestMessages.CONVERSATION, TestMessages.SENDER, TestMessages.REQUESTER,
                                extract.externalAttachments().get(0).messageId(), "scan.tif", List.of(10L, 20L))
                        .payload())),
                new Case("fragment/ps-fragment-index.ebxml.xml", () -> EbxmlWriter.toXml(TestMessages.FACTORY
                        .fragmentIndex(TestMessages.CONVERSATION, TestMessages.SENDER, TestMessages.REQUESTER,
                                extract.externalAttachments().get(0).messageId(), "scan.tif", List.of(10L, 20L))
                        .envelope())))
                .map(c -> DynamicTest.dynamicTest(c.fixture(), () ->
                        assertEquals(paths(Fixtures.text(c.fixture())), paths(c.built().get()))));
    }

    /** Every element path (local names) in the document. */
    static Set<String> paths(String xml) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
        Set<String> paths = new TreeSet<>();
        Deque<String> path = new ArrayDeque<>();
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                path.addLast(reader.getLocalName());
                paths.add(String.join("/", path));
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                path.removeLast();
            }
        }
        return paths;
    }
}
