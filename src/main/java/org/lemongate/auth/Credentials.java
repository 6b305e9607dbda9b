package org.lemongate.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A user name and password held in memory only, for passing through to the POP3 server.
 * Never serialised, never logged: {@link #toString()} shows the user name alone.
 */
public final class Credentials {
  private final String user;
  private final byte[] password;

  public Credentials(String user, String password) {
    this.user = user;
    this.password = password.getBytes(StandardCharsets.UTF_8);
  }

  /** The login name exactly as the user typed it; it is also the store key (design invariant 5). */
  public String user() {
    return user;
  }

  /** The password, UTF-8 encoded; a copy, so callers may wipe it when done. */
  public byte[] passwordBytes() {
    return password.clone();
  }

  /** True when the user name or password holds CR, LF or NUL, which no POP3 command may carry. */
  public boolean hasLineBreakOrNul() {
    for (int i = 0; i < user.length(); i++) {
      char c = user.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        return true;
      }
    }
    for (byte b : password) {
      if (b == '\r' || b == '\n' || b == 0) {
        return true;
      }
    }
    return false;
  }

  /** Constant-time comparison of the password with another one. */
  public boolean samePassword(Credentials other) {
    return java.security.MessageDigest.isEqual(password, other.password);
  }

  /** Overwrites the password in memory; call when the last session of the user ends. */
  public void wipe() {
    Arrays.fill(password, (byte) 0);
  }

  @Override
  public String toString() {
    return "Credentials[" + user + "]";
  }
}
