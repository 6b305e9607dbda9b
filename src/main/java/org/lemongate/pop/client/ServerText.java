package org.lemongate.pop.client;

import java.nio.charset.StandardCharsets;

/** Makes untrusted text from a server safe to put in a log line or a failure message. */
final class ServerText {
  private static final int MAX_CHARS = 200;

  private ServerText() {
  }

  /** Printable ASCII only (others become '?'), at most 200 characters. */
  static String quote(String text) {
    StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_CHARS + 3));
    for (int i = 0; i < text.length() && i < MAX_CHARS; i++) {
      char c = text.charAt(i);
      safe.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (text.length() > MAX_CHARS) {
      safe.append("...");
    }
    return safe.toString();
  }

  /**
   * Like {@link #quote(String)}, but withholds the whole text if it contains {@code secret}: a server
   * that echoes a password must not get it into our logs (design invariant 6).
   */
  static String quoteWithout(String text, byte[] secret) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return secret.length > 0 && contains(bytes, secret) ? "(withheld: it contains the password)" : quote(text);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    for (int start = 0; start + needle.length <= haystack.length; start++) {
      int i = 0;
      while (i < needle.length && haystack[start + i] == needle[i]) {
        i++;
      }
      if (i == needle.length) {
        return true;
      }
    }
    return false;
  }
}
