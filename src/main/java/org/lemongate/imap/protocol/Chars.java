package org.lemongate.imap.protocol;

/**
 * The character classes of the IMAP grammar (RFC 9051 §9), as lookup tables over byte values.
 * Parser and response writer both use them, so they agree on what an atom is.
 */
public final class Chars {
  private static final int ATOM = 1;
  private static final int ASTRING = 2;
  private static final int TAG = 4;
  private static final int LIST = 8;
  private static final byte[] CLASSES = new byte[256];

  static {
    // ATOM-CHAR = any CHAR except atom-specials:
    // "(" ")" "{" SP CTL list-wildcards ("%" "*") quoted-specials (DQUOTE "\") resp-specials ("]")
    for (int c = 0x21; c < 0x7f; c++) {
      if ("(){%*\"\\]".indexOf(c) < 0) {
        CLASSES[c] |= ATOM | ASTRING | TAG | LIST;
      }
    }
    CLASSES[']'] |= ASTRING | TAG | LIST; // ASTRING-CHAR and list-char admit resp-specials
    CLASSES['+'] &= ~TAG; // tag = 1*<any ASTRING-CHAR except "+">
    CLASSES['%'] |= LIST; // list-char admits list-wildcards
    CLASSES['*'] |= LIST;
  }

  private Chars() {}

  /** ATOM-CHAR. */
  public static boolean isAtomChar(int b) {
    return (CLASSES[b & 0xff] & ATOM) != 0;
  }

  /** ASTRING-CHAR: an ATOM-CHAR or "]". */
  public static boolean isAstringChar(int b) {
    return (CLASSES[b & 0xff] & ASTRING) != 0;
  }

  /** A character allowed in a tag: ASTRING-CHAR except "+". */
  public static boolean isTagChar(int b) {
    return (CLASSES[b & 0xff] & TAG) != 0;
  }

  /** list-char: ATOM-CHAR, list-wildcards or "]" (RFC 9051 list-mailbox). */
  public static boolean isListChar(int b) {
    return (CLASSES[b & 0xff] & LIST) != 0;
  }

  /** True if every character of {@code s} is an ATOM-CHAR and {@code s} is not empty. */
  public static boolean isAtom(CharSequence s) {
    if (s.length() == 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0x7f || !isAtomChar(c)) {
        return false;
      }
    }
    return true;
  }

  /** Longer strings go as literals: cheaper for clients to read and never an overlong line. */
  public static final int MAX_QUOTED = 1024;

  /**
   * The rule for a string's form on the wire, for every response: quoted if it is at most {@value
   * #MAX_QUOTED} bytes, has no CR, LF or NUL, and is 7-bit, or valid UTF-8 where the session allows
   * UTF-8 (RFC 9051 QUOTED-CHAR, RFC 6855); a literal otherwise.
   */
  public static boolean quotable(byte[] value, boolean utf8) {
    if (value.length > MAX_QUOTED) {
      return false;
    }
    boolean eightBit = false;
    for (byte b : value) {
      if (b == '\r' || b == '\n' || b == 0) {
        return false;
      }
      eightBit |= b < 0;
    }
    return !eightBit || utf8 && isValidUtf8(value);
  }

  /** True if {@code bytes} is well-formed UTF-8 (RFC 3629: no overlong forms or surrogates). */
  public static boolean isValidUtf8(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xff;
      if (b < 0x80) {
        i++;
        continue;
      }
      int extra;
      int min;
      if (b >= 0xc2 && b <= 0xdf) {
        extra = 1;
        min = 0x80;
      } else if (b >= 0xe0 && b <= 0xef) {
        extra = 2;
        min = 0x800;
      } else if (b >= 0xf0 && b <= 0xf4) {
        extra = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + extra >= bytes.length) {
        return false;
      }
      int code = b & (0x3f >> extra);
      for (int k = 1; k <= extra; k++) {
        int c = bytes[i + k] & 0xff;
        if ((c & 0xc0) != 0x80) {
          return false;
        }
        code = (code << 6) | (c & 0x3f);
      }
      if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        return false;
      }
      i += extra + 1;
    }
    return true;
  }
}
