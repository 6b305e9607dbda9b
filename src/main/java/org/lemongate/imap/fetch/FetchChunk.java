package org.lemongate.imap.fetch;

import io.vertx.core.buffer.Buffer;
import org.lemongate.mime.ByteSlice;

/**
 * A piece of output that {@link FetchRenderer} hands back for the session to send as it is, in
 * order, ahead of whatever the {@code ResponseWriter} still holds.
 */
public sealed interface FetchChunk {

  /**
   * Encoded responses taken out of the {@code ResponseWriter}, ending with a literal's
   * announcement.
   */
  record Text(Buffer bytes) implements FetchChunk {}

  /**
   * The bytes of the literal announced at the end of the text before: a slice of the stored
   * message (or of its decoded part), to be written without copying, in pieces if the socket is
   * busy.
   */
  record LiteralData(ByteSlice bytes) implements FetchChunk {}
}
