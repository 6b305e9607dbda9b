package org.lemongate.imap.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One complete client command as received, ready for {@link ArgReader}: the bytes of every line,
 * each literal's data spliced in after its announcement and CRLF, the final line terminator
 * dropped. Literal data stays bytes; nothing is decoded here.
 *
 * <p>Immutable once handed out. {@link #toString()} never shows content: a frame may hold a
 * password.
 */
public final class CommandFrame implements FramerEvent {
  private final byte[] bytes;
  private final int length;
  private final List<LiteralSpan> literals;

  CommandFrame(byte[] bytes, int length, List<LiteralSpan> literals) {
    this.bytes = bytes;
    this.length = length;
    this.literals = literals;
  }

  /** A frame over a copy of {@code text}'s UTF-8 bytes, no literals: for tests and tools. */
  public static CommandFrame of(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return new CommandFrame(b, b.length, List.of());
  }

  /**
   * The tag as far as it can be read without parsing: the leading run of tag characters ended by
   * SP or the end of the line; null when there is none. Good enough for error responses.
   */
  public String tag() {
    return tagOf(bytes, length);
  }

  /** Size in bytes, streamed literal data excluded. */
  public int length() {
    return length;
  }

  /** Literals in the order they appear. */
  public List<LiteralSpan> literals() {
    return literals;
  }

  /** A copy of the frame's bytes. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  /** The backing array, shared; only for readers in this package. */
  byte[] array() {
    return bytes;
  }

  @Override
  public String toString() {
    return "CommandFrame[tag="
        + tag()
        + ", "
        + length
        + " bytes, "
        + literals.size()
        + " literals]";
  }

  static String tagOf(byte[] bytes, int length) {
    int end = 0;
    while (end < length && bytes[end] != ' ' && bytes[end] != '\r') {
      if (!Chars.isTagChar(bytes[end])) {
        return null;
      }
      end++;
    }
    return end == 0 ? null : new String(bytes, 0, end, StandardCharsets.US_ASCII);
  }
}
