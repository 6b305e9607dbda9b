package org.lemongate.mime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.lemongate.bytes.ByteScan;

/**
 * The fields of one header block (RFC 5322 §2.2), found by scanning {@code [start, end)} of a raw
 * message up to the first empty line. Lines end at LF; a CR before it is part of the line ending.
 */
final class HeaderBlock {

  private final List<HeaderField> fields;
  private final int blankLineStart;
  private final int blankLineEnd;

  private HeaderBlock(List<HeaderField> fields, int blankLineStart, int blankLineEnd) {
    this.fields = fields;
    this.blankLineStart = blankLineStart;
    this.blankLineEnd = blankLineEnd;
  }

  static HeaderBlock parse(byte[] raw, int start, int end) {
    List<HeaderField> fields = new ArrayList<>();
    int fieldStart = -1;
    int colon = -1;
    int pos = start;
    while (pos < end) {
      int next = lineEnd(raw, pos, end);
      if (isBlankLine(raw, pos, next)) {
        addField(raw, fields, fieldStart, colon, pos);
        return new HeaderBlock(Collections.unmodifiableList(fields), pos, next);
      }
      boolean continuation = Octets.isWsp(raw[pos]) && fieldStart >= 0;
      if (!continuation) {
        addField(raw, fields, fieldStart, colon, pos);
        fieldStart = pos;
        colon = indexOfColon(raw, pos, next);
      }
      pos = next;
    }
    addField(raw, fields, fieldStart, colon, end);
    return new HeaderBlock(Collections.unmodifiableList(fields), -1, -1);
  }

  List<HeaderField> fields() {
    return fields;
  }

  /** True when the block ends with the empty line that separates it from a body. */
  boolean hasBlankLine() {
    return blankLineStart >= 0;
  }

  int blankLineStart() {
    return blankLineStart;
  }

  int blankLineEnd() {
    return blankLineEnd;
  }

  /** The value of the first field of that name, or null. */
  String first(String name) {
    for (int i = 0; i < fields.size(); i++) {
      HeaderField f = fields.get(i);
      if (f.hasName(name)) {
        return f.value();
      }
    }
    return null;
  }

  /** The values of all fields of that name, in header order. */
  List<String> all(String name) {
    List<String> values = List.of();
    for (int i = 0; i < fields.size(); i++) {
      HeaderField f = fields.get(i);
      if (f.hasName(name)) {
        if (values.isEmpty()) {
          values = new ArrayList<>(2);
        }
        values.add(f.value());
      }
    }
    return values;
  }

  /** Index just past the LF ending the line at {@code pos}, or {@code end}. */
  static int lineEnd(byte[] raw, int pos, int end) {
    int lineFeed = ByteScan.indexOf(raw, (byte) '\n', pos, end);
    return lineFeed < 0 ? end : lineFeed + 1;
  }

  static boolean isBlankLine(byte[] raw, int pos, int next) {
    int n = next - pos;
    return (n == 1 && raw[pos] == '\n') || (n == 2 && raw[pos] == '\r' && raw[pos + 1] == '\n');
  }

  private static int indexOfColon(byte[] raw, int from, int to) {
    for (int i = from; i < to; i++) {
      if (raw[i] == ':') {
        return i;
      }
    }
    return -1;
  }

  private static void addField(byte[] raw, List<HeaderField> fields, int start, int colon,
      int end) {
    if (start >= 0 && end > start) {
      fields.add(new HeaderField(raw, start, colon, end));
    }
  }
}
