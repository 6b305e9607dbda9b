package org.lemongate.pop.client;

/**
 * The server sent something the client cannot accept. Internal: {@link Pop3Connection} and
 * {@link Pop3Client} turn it into a {@link Pop3Exception} that names the server.
 */
final class ProtocolViolation extends Exception {
  private final boolean overLimit;

  private ProtocolViolation(String message, boolean overLimit) {
    super(message, null, false, false);
    this.overLimit = overLimit;
  }

  /** The server broke the protocol; {@code whatItDid} completes "POP3 server X ...". */
  static ProtocolViolation of(String whatItDid) {
    return new ProtocolViolation(whatItDid, false);
  }

  /** A response body grew past the caller's size limit. */
  static ProtocolViolation overLimit(String whatItDid) {
    return new ProtocolViolation(whatItDid, true);
  }

  boolean isOverLimit() {
    return overLimit;
  }
}
