package uk.nhs.gp2gp.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * The GP2GP HL7 schemas from the shared fixtures, for validating what we build (tests only: too slow
 * for every message). Some includes point outside the folder ("../../../../../schema/src/..."):
 * those are found by file name inside it.
 */
final class Hl7Schemas {

    private static final Path FOLDER = Fixtures.ROOT.toAbsolutePath().normalize().resolve("schema");
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private Hl7Schemas() {
    }

    /** Whether the fixtures hold a schema for this interaction (they have none for the EHR request). */
    static boolean exist(String interactionId) {
        return Files.exists(FOLDER.resolve("schema").resolve(interactionId + ".xsd"));
    }

    /** Validates the XML against the schema of its interaction; throws with the schema's message. */
    static void validate(String interactionId, String xml) throws SAXException, IOException {
        schema(interactionId).newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    private static Schema schema(String interactionId) {
        return CACHE.computeIfAbsent(interactionId, id -> {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setResourceResolver(new InsideTheFolder());
            try {
                return factory.newSchema(FOLDER.resolve("schema").resolve(id + ".xsd").toFile());
            } catch (SAXException e) {
                throw new IllegalStateException("The " + id + " schema does not compile: " + e.getMessage(), e);
            }
        });
    }

    private static final class InsideTheFolder implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId,
                String baseUri) {
            if (systemId == null) {
                return null;
            }
            Path base = baseUri == null ? FOLDER.resolve("schema") : Path.of(URI.create(baseUri)).getParent();
            Path file = base.resolve(systemId).normalize();
            if (!Files.exists(file)) {
                String name = Path.of(systemId).getFileName().toString();
                try (var files = Files.walk(FOLDER)) {
                    file = files.filter(f -> f.getFileName().toString().equals(name)).findFirst().orElse(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new FileInput(file.toAbsolutePath().normalize().toUri().toString(), publicId);
        }
    }

    private record FileInput(String systemId, String publicId) implements LSInput {
        @Override
        public Reader getCharacterStream() {
            return null;
        }

        @Override
        public void setCharacterStream(Reader characterStream) {
        }

        @Override
        public InputStream getByteStream() {
            try {
                return Files.newInputStream(Path.of(URI.create(systemId)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void setByteStream(InputStream byteStream) {
        }

        @Override
        public String getStringData() {
            return null;
        }

        @Override
        public void setStringData(String stringData) {
        }

        @Override
        public String getSystemId() {
            return systemId;
        }

        @Override
        public void setSystemId(String systemId) {
        }

        @Override
        public String getPublicId() {
            return publicId;
        }

        @Override
        public void setPublicId(String publicId) {
        }

        @Override
        public String getBaseURI() {
            return null;
        }

        @Override
        public void setBaseURI(String baseURI) {
        }

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(String encoding) {
        }

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {
        }
    }
}
