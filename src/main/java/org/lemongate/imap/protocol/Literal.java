package org.lemongate.imap.protocol;

import io.vertx.core.buffer.Buffer;

/**
 * Literal data where the grammar asks for a literal itself rather than any string: an APPEND
 * message or a CATENATE text part.
 *
 * @param data    the bytes, or null when the framer streamed them to the session as chunks
 * @param size    the announced size
 * @param binary  sent as literal8 {@code ~{n}} (RFC 3516): may hold NUL and needs no transfer
 *                encoding
 */
public record Literal(Buffer data, long size, boolean binary) {

  /** True if the bytes went to the session as {@link FramerEvent.LiteralChunk}s. */
  public boolean streamed() {
    return data == null;
  }
}
