package uk.nhs.gp2gp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void newKeysAreLongRandomAndRecognisable() {
        String key = ApiKeys.newKey();
        assertTrue(key.startsWith("gp2gp_"));
        assertTrue(key.length() >= 6 + 43, "256 bits in base64url");
        assertNotEquals(key, ApiKeys.newKey());
    }

    @Test
    void theHashIsStableHexAndNeverTheKey() {
        String key = ApiKeys.newKey();
        String hash = ApiKeys.hash(key);
        assertEquals(hash, ApiKeys.hash(key));
        assertTrue(hash.matches("[0-9a-f]{64}"));
        assertFalse(hash.contains(key));
        assertNotEquals(hash, ApiKeys.hash(key + "x"));
    }

    @Test
    void theDisplayPrefixRevealsTooLittleToUse() {
        String key = ApiKeys.newKey();
        assertEquals(4, ApiKeys.displayPrefix(key).length());
        assertEquals("abcd", ApiKeys.displayPrefix("abcdefghijklmnopqrstuvwxyz0123456789"));
        assertTrue(key.length() >= ApiKeys.MINIMUM_LENGTH, "keys made here are long enough");
        assertTrue(key.startsWith(ApiKeys.displayPrefix(key)));
    }

    @Test
    void aCallerActsOnlyForItsPracticesUnlessAdmin() {
        ApiCaller practice = new ApiCaller(1, "p", Set.of("PRACTICE"), Set.of("P99001"));
        assertTrue(practice.mayActFor("P99001"));
        assertFalse(practice.mayActFor("P99002"));
        assertTrue(practice.hasRole("PRACTICE"));
        assertFalse(practice.hasRole("ADMIN"));

        ApiCaller admin = new ApiCaller(2, "a", Set.of("ADMIN"), Set.of());
        assertTrue(admin.mayActFor("P99002"));
        assertTrue(admin.hasRole("REPOSITORY"));

        ApiCaller everywhere = new ApiCaller(3, "r", Set.of("REPOSITORY"), Set.of(ApiClient.ALL_PRACTICES));
        assertTrue(everywhere.mayActFor("Q12345"));
    }
}
