package org.lemongate.mime;

import org.lemongate.bytes.ByteScan;

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
  /** End of the name: the colon, less white space before it (or {@code start} without a colon). */
  private final int nameEnd;
  private String name;
  private String value;

  /**
   * @param colon index of the ':' ending the name, or -1 when the line has none
   * @param end index just past the field's last line ending (or its last byte at the end of input)
   */
  HeaderField(byte[] raw, int start, int colon, int end) {
    this.raw = raw;
    this.start = start;
    this.colon = colon;
    this.end = end;
    this.nameEnd = nameEnd(raw, start, colon);
  }

  int start() {
    return start;
  }

  int end() {
    return end;
  }

  /** Index just past the colon: the raw value, folding and line ending included, is {@code [valueStart, end)}. */
  int valueStart() {
    return colon < 0 ? start : colon + 1;
  }

  boolean hasColon() {
    return colon >= 0;
  }

  /** The field name; white space before the colon is dropped (RFC 5322 §4.5.3 obs-optional). */
  String name() {
    if (name == null) {
      name = Octets.of(raw, start, nameEnd);
    }
    return name;
  }

  /** Compares the name in place, ASCII letters in any case: headers are searched by name often. */
  boolean hasName(String wanted) {
    if (colon < 0 || nameEnd - start != wanted.length()) {
      return false;
    }
    for (int i = 0; i < wanted.length(); i++) {
      int have = raw[start + i] & 0xFF;
      int want = wanted.charAt(i);
      if (have != want && lowerAscii(have) != lowerAscii(want)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The value as an octet string: unfolded (RFC 5322 §2.2.3: the line breaks go, the white space
   * that follows them stays), without leading and trailing white space, NUL replaced by U+FFFD.
   */
  String value() {
    if (value == null) {
      value = colon < 0 ? "" : unfolded();
    }
    return value;
  }

  private String unfolded() {
    int from = colon + 1;
    int to = end;
    while (from < to && (isWhite(raw[from]) || raw[from] == '\n')) {
      from++;
    }
    while (to > from && (isWhite(raw[to - 1]) || raw[to - 1] == '\n')) {
      to--;
    }
    if (ByteScan.indexOf(raw, (byte) '\n', from, to) < 0 && ByteScan.indexOf(raw, (byte) 0, from, to) < 0) {
      return Octets.of(raw, from, to); // one line, no NUL: the common case
    }
    StringBuilder sb = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      int c = raw[i] & 0xFF;
      boolean lineBreak = c == '\n' || (c == '\r' && i + 1 < to && raw[i + 1] == '\n');
      if (c == 0) {
        sb.append(Octets.REPLACEMENT);
      } else if (!lineBreak) {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  private static int nameEnd(byte[] raw, int start, int colon) {
    int to = Math.max(colon, start);
    while (to > start && Octets.isWsp(raw[to - 1])) {
      to--;
    }
    return to;
  }

  private static int lowerAscii(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }

  private static boolean isWhite(int c) {
    return c == ' ' || c == '\t' || c == '\r';
  }
}
