package io.stocksync.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API key material. A generated key is {@code ssk_} followed by 40 characters of 240 random bits;
 * only its SHA-256 is stored. A key is high-entropy, so a fast hash is enough: there is nothing
 * for a dictionary to guess.
 */
public final class ApiKeys {

  public static final String PREFIX = "ssk_";
  public static final int MIN_LENGTH = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {
  }

  public static String generate() {
    byte[] secret = new byte[30];
    RANDOM.nextBytes(secret);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  public static String newKeyId() {
    byte[] id = new byte[5];
    RANDOM.nextBytes(id);
    return "k_" + HexFormat.of().formatHex(id);
  }

  public static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The part of a key that may be shown in listings and logs. */
  public static String displayPrefix(String key) {
    return key.substring(0, Math.min(8, key.length())) + "…";
  }

  public static void requireUsable(String key) {
    if (key == null || key.length() < MIN_LENGTH || key.length() > 256 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
      throw new IllegalArgumentException("an API key must be " + MIN_LENGTH
        + " to 256 printable ASCII characters without spaces");
    }
  }

  /** Constant-time comparison of two hashes. */
  public static boolean matches(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }
}
