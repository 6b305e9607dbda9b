package org.lemongate.imap.protocol;

import java.util.Arrays;

/**
 * Mailbox names between the wire and the store. Inside Lemongate a name is a Unicode string with
 * {@code /} between hierarchy levels and {@code INBOX} spelled in capitals. On the wire it is
 * modified UTF-7 (RFC 3501 §5.1.3) unless the session enabled UTF8=ACCEPT or IMAP4rev2, where it
 * is UTF-8 as is (RFC 6855 §3, RFC 9051 §5.1).
 */
public final class MailboxNames {
  /** The hierarchy delimiter. */
  public static final char DELIMITER = '/';

  public static final String INBOX = "INBOX";

  private static final char[] BASE64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".toCharArray();
  private static final byte[] BASE64_VALUES = new byte[128];

  static {
    Arrays.fill(BASE64_VALUES, (byte) -1);
    for (int i = 0; i < BASE64.length; i++) {
      BASE64_VALUES[BASE64[i]] = (byte) i;
    }
  }

  private MailboxNames() {}

  /**
   * The internal name for a name as the client sent it: decoded from modified UTF-7 unless {@code
   * utf8}, then {@link #normalizeInbox}.
   *
   * @throws IllegalArgumentException if the modified UTF-7 is malformed
   */
  public static String fromWire(String wire, boolean utf8) {
    return normalizeInbox(utf8 ? wire : decode(wire));
  }

  /** The name as the client should see it: modified UTF-7 unless {@code utf8}. */
  public static String toWire(String name, boolean utf8) {
    return utf8 ? name : encode(name);
  }

  /**
   * {@code INBOX} is case-insensitive at the root (RFC 9051 §5.1), and so is it as the first
   * level of a child's name: {@code inbox/Sent} becomes {@code INBOX/Sent}.
   */
  public static String normalizeInbox(String name) {
    if (name.length() >= 5 && name.regionMatches(true, 0, INBOX, 0, 5)) {
      if (name.length() == 5) {
        return INBOX;
      }
      if (name.charAt(5) == DELIMITER && !name.startsWith(INBOX)) {
        return INBOX + name.substring(5);
      }
    }
    return name;
  }

  /**
   * Why {@code name} cannot name a mailbox to create or rename to, or null if it can: it must not
   * be empty, hold control characters (RFC 9051 §5.1, Net-Unicode) or empty hierarchy levels. A
   * trailing delimiter (CREATE's "I will create children", RFC 9051 §6.3.4) must be stripped
   * before asking.
   */
  public static String problem(String name) {
    if (name.isEmpty()) {
      return "mailbox name is empty";
    }
    char previous = DELIMITER;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        return "mailbox name contains a control character";
      }
      if (c == DELIMITER && previous == DELIMITER) {
        return "mailbox name has an empty hierarchy level";
      }
      previous = c;
    }
    return previous == DELIMITER ? "mailbox name ends with " + DELIMITER : null;
  }

  /** Encodes a Unicode name in modified UTF-7. */
  public static String encode(String name) {
    StringBuilder out = null;
    int runStart = -1;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean direct = c >= 0x20 && c <= 0x7e;
      if (direct && runStart < 0 && c != '&') {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(name.length() + 16).append(name, 0, i);
      }
      if (!direct) {
        if (runStart < 0) {
          runStart = i;
        }
        continue;
      }
      if (runStart >= 0) {
        appendBase64Run(out, name, runStart, i);
        runStart = -1;
      }
      if (c == '&') {
        out.append("&-");
      } else {
        out.append(c);
      }
    }
    if (runStart >= 0) {
      appendBase64Run(out, name, runStart, name.length());
    }
    return out == null ? name : out.toString();
  }

  /** Appends {@code &} + modified base64 of the UTF-16 units in [start, end) + {@code -}. */
  private static void appendBase64Run(StringBuilder out, String name, int start, int end) {
    out.append('&');
    int buffer = 0;
    int bits = 0;
    for (int i = start; i < end; i++) {
      buffer = (buffer << 16) | name.charAt(i);
      bits += 16;
      while (bits >= 6) {
        bits -= 6;
        out.append(BASE64[(buffer >>> bits) & 0x3f]);
      }
      buffer &= (1 << bits) - 1;
    }
    if (bits > 0) {
      out.append(BASE64[(buffer << (6 - bits)) & 0x3f]);
    }
    out.append('-');
  }

  /**
   * Decodes a modified UTF-7 name, strictly: only printable US-ASCII, every {@code &} closed by
   * {@code -}, base64 that decodes to whole and well-formed UTF-16 with zero padding bits, no
   * printable ASCII encoded, no null shift {@code -&} (RFC 3501 §5.1.3).
   *
   * @throws IllegalArgumentException with the reason, if malformed
   */
  public static String decode(String wire) {
    if (wire.indexOf('&') < 0) {
      checkPrintable(wire, 0, wire.length());
      return wire;
    }
    StringBuilder out = new StringBuilder(wire.length());
    int i = 0;
    int lastRunEnd = -2;
    while (i < wire.length()) {
      char c = wire.charAt(i);
      if (c != '&') {
        checkPrintable(wire, i, i + 1);
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 < wire.length() && wire.charAt(i + 1) == '-') {
        out.append('&');
        i += 2;
        continue;
      }
      if (i == lastRunEnd + 1) {
        throw malformed(wire, "two encoded runs in a row (\"-&\")");
      }
      int end = wire.indexOf('-', i + 1);
      if (end < 0) {
        throw malformed(wire, "'&' without closing '-'");
      }
      decodeRun(wire, i + 1, end, out);
      lastRunEnd = end;
      i = end + 1;
    }
    return out.toString();
  }

  private static void decodeRun(String wire, int start, int end, StringBuilder out) {
    int buffer = 0;
    int bits = 0;
    boolean pendingHighSurrogate = false;
    for (int i = start; i < end; i++) {
      char c = wire.charAt(i);
      int value = c < 128 ? BASE64_VALUES[c] : -1;
      if (value < 0) {
        throw malformed(wire, "'" + c + "' is not modified base64");
      }
      buffer = (buffer << 6) | value;
      bits += 6;
      if (bits >= 16) {
        bits -= 16;
        char unit = (char) (buffer >>> bits);
        buffer &= (1 << bits) - 1;
        if (unit >= 0x20 && unit <= 0x7e) {
          throw malformed(wire, "printable US-ASCII '" + unit + "' must not be encoded");
        }
        if (pendingHighSurrogate != Character.isLowSurrogate(unit)) {
          throw malformed(wire, "broken UTF-16 surrogate pair");
        }
        pendingHighSurrogate = Character.isHighSurrogate(unit);
        out.append(unit);
      }
    }
    if (pendingHighSurrogate) {
      throw malformed(wire, "broken UTF-16 surrogate pair");
    }
    if (bits >= 6 || buffer != 0) {
      throw malformed(wire, "base64 does not end on a UTF-16 boundary");
    }
  }

  private static void checkPrintable(String wire, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = wire.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw malformed(wire, String.format("character U+%04X must be encoded", (int) c));
      }
    }
  }

  private static IllegalArgumentException malformed(String wire, String why) {
    return new IllegalArgumentException("invalid modified UTF-7 mailbox name: " + why);
  }
}
