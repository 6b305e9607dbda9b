package org.lemongate.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The memory of a password POP accepted, kept after the user's last session ended, so a client
 * that reconnects every minute does not make the gateway log in to POP every time: a salted,
 * deliberately slow hash of the password (PBKDF2), kept in memory only, until it expires. Hashing
 * blocks for tens of milliseconds: run it on a worker thread.
 */
public final class LoginMemo {
  private static final int ITERATIONS = 20_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] salt;
  private final byte[] hash;
  private final long expiresAtMillis;

  private LoginMemo(byte[] salt, byte[] hash, long expiresAtMillis) {
    this.salt = salt;
    this.hash = hash;
    this.expiresAtMillis = expiresAtMillis;
  }

  public static LoginMemo of(Credentials credentials, long expiresAtMillis) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return new LoginMemo(salt, hash(credentials, salt), expiresAtMillis);
  }

  public boolean expired(long nowMillis) {
    return nowMillis >= expiresAtMillis;
  }

  /** True when the credentials carry the remembered password (and the memo has not expired). */
  public boolean matches(Credentials credentials, long nowMillis) {
    return !expired(nowMillis) && MessageDigest.isEqual(hash, hash(credentials, salt));
  }

  private static byte[] hash(Credentials credentials, byte[] salt) {
    byte[] password = credentials.passwordBytes();
    char[] chars = new char[password.length];
    for (int i = 0; i < password.length; i++) {
      chars[i] = (char) (password[i] & 0xFF);
    }
    PBEKeySpec spec = new PBEKeySpec(chars, salt, ITERATIONS, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    } finally {
      spec.clearPassword();
      java.util.Arrays.fill(chars, '\0');
      java.util.Arrays.fill(password, (byte) 0);
    }
  }
}
