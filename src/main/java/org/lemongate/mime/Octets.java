package org.lemongate.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.charset.Charset;
import org.lemongate.imap.protocol.Chars;
import org.apache.james.mime4j.util.CharsetUtil;

/** Small helpers for octet strings (one char per byte, see the package documentation). */
final class Octets {

  /** U+FFFD as the octet string of its UTF-8 encoding: what a NUL in a header becomes. */
  static final String REPLACEMENT = "\u00EF\u00BF\u00BD";

  private static final Charset FALLBACK_8BIT = Charset.forName("windows-1252");

  private Octets() {}

  static String of(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, ISO_8859_1);
  }

  static byte[] bytes(String octets) {
    return octets.getBytes(ISO_8859_1);
  }

  /** True if every octet is 7-bit: such a string reads the same in any charset this code decodes. */
  static boolean isAscii(String octets) {
    for (int i = 0; i < octets.length(); i++) {
      if (octets.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  static boolean isWsp(int c) {
    return c == ' ' || c == '\t';
  }

  /** ASCII-only lower case, so that no locale or Unicode rule touches 8-bit octets. */
  static String lowerAscii(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] += 'a' - 'A';
      }
    }
    return new String(chars);
  }

  /**
   * Text from bytes in a declared charset. An unknown or missing charset falls back to UTF-8 when
   * the bytes are valid UTF-8, else to windows-1252 (a superset of ISO-8859-1 for printable text),
   * which is what mail in the wild most often means.
   */
  static String decodeText(byte[] bytes, String charsetName) {
    Charset declared = charsetName == null ? null : CharsetUtil.lookup(charsetName.trim());
    boolean ascii = declared != null && "US-ASCII".equals(declared.name());
    if (declared != null && !ascii) {
      return new String(bytes, declared);
    }
    return new String(bytes, Chars.isValidUtf8(bytes) ? UTF_8 : FALLBACK_8BIT);
  }
}
