package uk.nhs.gp2gp.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The streaming base64 decoder agrees with the JDK's MIME decoder, whatever the sizes and line breaks. */
class Base64DecodingInputStreamTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 57, 76, 49151, 49152, 49153, 65536, 200_003})
    void decodesWhatTheMimeEncoderWrote(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        byte[] encoded = Base64.getMimeEncoder().encode(data);
        assertArrayEquals(data, new Base64DecodingInputStream(new ByteArrayInputStream(encoded)).readAllBytes());
        byte[] lf = new String(encoded, StandardCharsets.US_ASCII).replace("\r\n", "\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(data, new Base64DecodingInputStream(new ByteArrayInputStream(lf)).readAllBytes());
    }

    @Test
    void missingPaddingIsAcceptedAndGarbageIsNot() throws IOException {
        assertArrayEquals("ab".getBytes(StandardCharsets.US_ASCII),
                new Base64DecodingInputStream(new ByteArrayInputStream("YWI".getBytes(StandardCharsets.US_ASCII)))
                        .readAllBytes());
        assertThrows(IOException.class, () -> new Base64DecodingInputStream(
                new ByteArrayInputStream("YWJj=YWJj".getBytes(StandardCharsets.US_ASCII))).readAllBytes());
        assertThrows(IOException.class, () -> new Base64DecodingInputStream(
                new ByteArrayInputStream("YWJjZ".getBytes(StandardCharsets.US_ASCII))).readAllBytes());
    }
}
