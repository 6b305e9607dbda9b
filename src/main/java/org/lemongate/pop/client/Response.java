package org.lemongate.pop.client;

/**
 * One server response (RFC 1939 section 3).
 *
 * @param status what the status line starts with
 * @param text   the rest of the status line, after the indicator and one space
 * @param body   for a multi-line {@code +OK}: the dot-unstuffed lines with CRLF ends, without the
 *               terminating dot line; otherwise null
 */
record Response(Status status, String text, byte[] body) {

  enum Status {
    /** {@code +OK} */
    OK,
    /** {@code -ERR} */
    ERR,
    /** {@code +} followed by a SASL challenge (RFC 5034 section 4) */
    CONTINUATION
  }

  boolean ok() {
    return status == Status.OK;
  }
}
