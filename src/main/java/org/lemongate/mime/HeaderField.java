package org.lemongate.mime;

/**
 * One header field, its continuation lines included, located in a raw message. A line that has
 * no colon is kept as a nameless field: it is part of the header block as served, but matches no
 * field name.
 */
final class HeaderField {

  private final byte[] raw;
  private final int start;
  private final int colon;
  private final int end;
  private String name;

  /**
   * @param colon index of the ':' ending the name, or -1 when the line has none
   * @param end index just past the field's last line ending (or its last byte at the end of input)
   */
  HeaderField(byte[] raw, int start, int colon, int end) {
    this.raw = raw;
    this.start = start;
    this.colon = colon;
    this.end = end;
  }

  int start() {
    return start;
  }

  int end() {
    return end;
  }

  /** The field name; white space before the colon is dropped (RFC 5322 §4.5.3 obs-optional). */
  String name() {
    if (name == null) {
      int to = Math.max(colon, start);
      while (to > start && Octets.isWsp(raw[to - 1])) {
        to--;
      }
      name = Octets.of(raw, start, to);
    }
    return name;
  }

  boolean hasName(String name) {
    return colon >= 0 && name().equalsIgnoreCase(name);
  }

  /**
   * The value as an octet string: unfolded (RFC 5322 §2.2.3: the line breaks go, the white space
   * that follows them stays), without leading and trailing white space, NUL replaced by U+FFFD.
   */
  String value() {
    if (colon < 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder(end - colon);
    for (int i = colon + 1; i < end; i++) {
      int c = raw[i] & 0xFF;
      boolean lineBreak = c == '\n' || (c == '\r' && i + 1 < end && raw[i + 1] == '\n');
      if (c == 0) {
        sb.append(Octets.REPLACEMENT);
      } else if (!lineBreak) {
        sb.append((char) c);
      }
    }
    return strip(sb);
  }

  private static String strip(StringBuilder sb) {
    int from = 0;
    int to = sb.length();
    while (from < to && isWhite(sb.charAt(from))) {
      from++;
    }
    while (to > from && isWhite(sb.charAt(to - 1))) {
      to--;
    }
    return sb.substring(from, to);
  }

  private static boolean isWhite(char c) {
    return c == ' ' || c == '\t' || c == '\r';
  }
}
