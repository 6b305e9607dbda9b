package org.lemongate.pop.client;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * A command as the connection sends it, and how its answer is read.
 *
 * @param name         what logs and failure messages call it ("RETR 5", "PASS"); never holds a secret
 * @param wire         the command line with CRLF, or null for the server's greeting
 * @param secret       the line carries a credential: neither it nor the reply text is ever logged
 * @param answer       the shape of the answer to {@code +OK}
 * @param maxBodyBytes largest body accepted for a multi-line answer
 * @param expectedBodyBytes the body's size as the server announced it (LIST), to size its buffer
 *                     at once; 0 if unknown. A hint only: any size is read, up to the limit
 * @param continuation line sent when the server answers with a {@code +} continuation (AUTH), or null
 * @param startsTls    an {@code +OK} answer starts the TLS handshake (STLS, RFC 2595 section 4)
 */
record Request(
    String name,
    Buffer wire,
    boolean secret,
    Answer answer,
    long maxBodyBytes,
    long expectedBodyBytes,
    Buffer continuation,
    boolean startsTls) {

  /** What follows {@code +OK}. */
  enum Answer {
    /** Nothing: a single line. */
    STATUS,
    /** Dot-terminated lines of a listing (CAPA, LIST, UIDL); too long is a protocol violation. */
    LISTING,
    /** A dot-terminated message (RETR, TOP); too long is the caller's TOO_BIG. */
    MESSAGE
  }

  /** The greeting the server sends unasked when the connection opens (RFC 1939 section 4). */
  static Request greeting() {
    return new Request("greeting", null, false, Answer.STATUS, 0, 0, null, false);
  }

  static Request command(String line) {
    return new Request(line, line(line), false, Answer.STATUS, 0, 0, null, false);
  }

  static Request listing(String line, long maxBytes) {
    return new Request(line, line(line), false, Answer.LISTING, maxBytes, 0, null, false);
  }

  static Request message(String line, long maxBytes, long expectedBytes) {
    return new Request(line, line(line), false, Answer.MESSAGE, maxBytes, expectedBytes, null, false);
  }

  static Request secret(String name, Buffer wire, Buffer continuation) {
    return new Request(name, wire, true, Answer.STATUS, 0, 0, continuation, false);
  }

  static Request startTls() {
    return new Request("STLS", line("STLS"), false, Answer.STATUS, 0, 0, null, true);
  }

  private static Buffer line(String text) {
    return Buffer.buffer(text + "\r\n", StandardCharsets.UTF_8.name());
  }
}
