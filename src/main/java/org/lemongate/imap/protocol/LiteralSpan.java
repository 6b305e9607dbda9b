package org.lemongate.imap.protocol;

/**
 * Where one literal sits in a {@link CommandFrame}.
 *
 * @param start          index of the announcement's first byte ({@code {} or {@code ~})
 * @param dataStart      index of the literal's first data byte, right after the announcement's CRLF
 * @param size           announced size in bytes
 * @param synchronizing  {@code {n}} rather than {@code {n+}}
 * @param binary         {@code ~{n}}, a literal8 (RFC 3516)
 * @param streamed       handed out as {@link FramerEvent.LiteralChunk}s; the frame holds no data
 */
public record LiteralSpan(
    int start, int dataStart, long size, boolean synchronizing, boolean binary, boolean streamed) {

  /** Index just past the literal's data in the frame. */
  public int dataEnd() {
    return streamed ? dataStart : dataStart + (int) size;
  }
}
