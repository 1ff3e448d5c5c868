package uk.nhs.gp2gp.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys are 256 random bits, so a fast SHA-256 hash is enough to keep them safe at rest (a slow
 * hash protects guessable passwords, not random keys) and lets us look a key up by its hash.
 */
public final class ApiKeys {

    static final String PREFIX = "gp2gp_";
    /** A key shorter than this is refused (the bootstrap key is the only one not made here). */
    public static final int MINIMUM_LENGTH = 32;
    /** The most of a key ever shown: in the console, in logs, in API answers. */
    public static final int SHOWN_CHARACTERS = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** What people see of a key: its first few characters, too few to reveal anything useful. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(SHOWN_CHARACTERS, key.length()));
    }
}
