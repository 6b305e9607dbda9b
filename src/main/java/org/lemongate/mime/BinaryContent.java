package org.lemongate.mime;

/** The answer to BINARY[part] and BINARY.SIZE[part] (RFC 3516 §4.2). */
public sealed interface BinaryContent {

  /**
   * The part's content with its Content-Transfer-Encoding removed. {@code data.length()} is
   * BINARY.SIZE. Send it as a literal8 when {@link ByteSlice#containsNul()}.
   */
  record Decoded(ByteSlice data) implements BinaryContent {}

  /**
   * The part's transfer encoding is not one the server can decode: answer
   * {@code NO [UNKNOWN-CTE]} (RFC 3516 §4.3).
   */
  record UnknownEncoding(String encoding) implements BinaryContent {}
}
