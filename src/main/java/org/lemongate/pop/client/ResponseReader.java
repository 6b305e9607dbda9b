package org.lemongate.pop.client;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;

/**
 * Incremental reader of POP3 responses (RFC 1939 section 3). Bytes arrive in chunks of any size; each
 * complete response goes to the {@link Listener}.
 *
 * <p>A status line is collected up to {@link Pop3Limits#maxStatusLineBytes()}. A multi-line body is
 * dot-unstuffed while it is copied (so it is held once), its lines end in CRLF whatever the server
 * sent, and no line or body is buffered past its limit: the reader fails as soon as one is crossed.
 */
final class ResponseReader {

  /** The side that knows which response comes next. */
  interface Listener {
    /** The request whose answer comes next, or null when the server should be silent. */
    Request awaited();

    void onResponse(Response response) throws ProtocolViolation;
  }

  /** Where the reader is: in a status line, or at some point of a body line. */
  private enum Phase { STATUS, LINE_START, IN_LINE, AFTER_DOT, AFTER_DOT_CR }

  private static final Buffer CRLF = Buffer.buffer(new byte[] {'\r', '\n'});
  private static final Buffer CR = Buffer.buffer(new byte[] {'\r'});

  private static final int INITIAL_BODY_BYTES = 8 * 1024;

  private final Pop3Limits limits;
  private final Listener listener;
  private Phase phase = Phase.STATUS;
  private Buffer statusLine = Buffer.buffer();
  private Response bodyStatus;
  /** The body so far: a plain array grown by doubling, copied into once per line. */
  private byte[] body;
  private int bodyLength;
  private long maxBodyBytes;
  private int lineLength;
  private boolean crPending;
  private boolean discarding;

  ResponseReader(Pop3Limits limits, Listener listener) {
    this.limits = limits;
    this.listener = listener;
  }

  void feed(Buffer chunk) throws ProtocolViolation {
    discarding = false;
    int position = 0;
    while (position < chunk.length() && !discarding) {
      position = phase == Phase.STATUS ? readStatus(chunk, position) : readBody(chunk, position);
    }
  }

  /**
   * Forgets every byte read but not yet answered, the rest of the chunk being fed included. Used when
   * TLS starts: nothing the server sent before the handshake may be read as a later answer.
   */
  void discardBuffered() {
    discarding = true;
    phase = Phase.STATUS;
    statusLine = Buffer.buffer();
    body = null;
    bodyStatus = null;
  }

  private int readStatus(Buffer chunk, int position) throws ProtocolViolation {
    Request awaited = listener.awaited();
    if (awaited == null) {
      throw ProtocolViolation.of("sent data while no command was waiting for an answer");
    }
    int lineFeed = indexOfLineFeed(chunk, position);
    int end = lineFeed < 0 ? chunk.length() : lineFeed;
    if (statusLine.length() + (end - position) > limits.maxStatusLineBytes()) {
      throw ProtocolViolation.of("sent a status line longer than " + limits.maxStatusLineBytes()
          + " bytes in answer to " + awaited.name());
    }
    statusLine.appendBuffer(chunk, position, end - position);
    if (lineFeed < 0) {
      return chunk.length();
    }
    Response status = parseStatus(withoutCr(statusLine), awaited);
    statusLine = Buffer.buffer();
    if (status.ok() && awaited.answer() != Request.Answer.STATUS) {
      startBody(status, awaited.maxBodyBytes());
    } else {
      listener.onResponse(status);
    }
    return lineFeed + 1;
  }

  private static Response parseStatus(String line, Request awaited) throws ProtocolViolation {
    if (startsWithIndicator(line, "+OK")) {
      return new Response(Response.Status.OK, textAfter(line, 3), null);
    }
    if (startsWithIndicator(line, "-ERR")) {
      return new Response(Response.Status.ERR, textAfter(line, 4), null);
    }
    if (awaited.continuation() != null && startsWithIndicator(line, "+")) {
      return new Response(Response.Status.CONTINUATION, textAfter(line, 1), null);
    }
    throw ProtocolViolation.of("answered " + awaited.name() + " with neither +OK nor -ERR: "
        + ServerText.quote(line));
  }

  private void startBody(Response status, long maxBytes) {
    bodyStatus = status;
    body = new byte[INITIAL_BODY_BYTES];
    bodyLength = 0;
    maxBodyBytes = maxBytes;
    lineLength = 0;
    crPending = false;
    phase = Phase.LINE_START;
  }

  /**
   * RFC 1939 section 3: a line starting with the termination octet has it removed, unless the line
   * is the termination octet alone, which ends the response. A bare LF is read as a line end too.
   */
  private int readBody(Buffer chunk, int position) throws ProtocolViolation {
    while (position < chunk.length() && phase != Phase.STATUS) {
      byte next = chunk.getByte(position);
      switch (phase) {
        case LINE_START -> {
          if (next == '.') {
            phase = Phase.AFTER_DOT;
            position++;
          } else {
            phase = Phase.IN_LINE;
          }
        }
        case AFTER_DOT -> {
          if (next == '\r') {
            phase = Phase.AFTER_DOT_CR;
            position++;
          } else if (next == '\n') {
            return finishBody(position + 1);
          } else {
            phase = Phase.IN_LINE;
          }
        }
        case AFTER_DOT_CR -> {
          if (next == '\n') {
            return finishBody(position + 1);
          }
          crPending = true;
          phase = Phase.IN_LINE;
        }
        default -> position = copyLine(chunk, position);
      }
    }
    return position;
  }

  /** Copies line content up to the next CR or LF, then handles that one byte. */
  private int copyLine(Buffer chunk, int position) throws ProtocolViolation {
    int end = position;
    while (end < chunk.length()) {
      byte b = chunk.getByte(end);
      if (b == '\r' || b == '\n') {
        break;
      }
      end++;
    }
    if (end > position) {
      flushPendingCr();
      appendContent(chunk, position, end - position);
    }
    if (end == chunk.length()) {
      return end;
    }
    if (chunk.getByte(end) == '\n') {
      crPending = false;
      appendToBody(CRLF, 0, 2);
      lineLength = 0;
      phase = Phase.LINE_START;
    } else {
      flushPendingCr();
      crPending = true;
    }
    return end + 1;
  }

  /** A CR not followed by LF is content. */
  private void flushPendingCr() throws ProtocolViolation {
    if (crPending) {
      crPending = false;
      appendContent(CR, 0, 1);
    }
  }

  private void appendContent(Buffer source, int from, int length) throws ProtocolViolation {
    lineLength += length;
    if (lineLength > limits.maxBodyLineBytes()) {
      throw ProtocolViolation.of("sent a line longer than " + limits.maxBodyLineBytes()
          + " bytes in answer to " + listener.awaited().name());
    }
    appendToBody(source, from, length);
  }

  private void appendToBody(Buffer source, int from, int length) throws ProtocolViolation {
    if (bodyLength + (long) length > maxBodyBytes) {
      throw ProtocolViolation.overLimit("sent more than " + maxBodyBytes + " bytes in answer to "
          + listener.awaited().name());
    }
    if (bodyLength + length > body.length) {
      body = Arrays.copyOf(body, (int) Math.min(Integer.MAX_VALUE - 8,
          Math.max(bodyLength + (long) length, 2L * body.length)));
    }
    source.getBytes(from, from + length, body, bodyLength);
    bodyLength += length;
  }

  private int finishBody(int position) throws ProtocolViolation {
    Response complete = new Response(bodyStatus.status(), bodyStatus.text(),
        BufferInternal.buffer(Unpooled.wrappedBuffer(body, 0, bodyLength)));
    phase = Phase.STATUS;
    body = null;
    bodyStatus = null;
    listener.onResponse(complete);
    return position;
  }

  private static int indexOfLineFeed(Buffer chunk, int from) {
    for (int i = from; i < chunk.length(); i++) {
      if (chunk.getByte(i) == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static String withoutCr(Buffer line) {
    int length = line.length();
    if (length > 0 && line.getByte(length - 1) == '\r') {
      length--;
    }
    return line.getString(0, length, StandardCharsets.ISO_8859_1.name());
  }

  /** An indicator followed by the end of the line or a space; case is ignored, as some servers vary it. */
  private static boolean startsWithIndicator(String line, String indicator) {
    return line.regionMatches(true, 0, indicator, 0, indicator.length())
        && (line.length() == indicator.length() || line.charAt(indicator.length()) == ' ');
  }

  private static String textAfter(String line, int indicatorLength) {
    return line.length() > indicatorLength ? line.substring(indicatorLength + 1) : "";
  }
}
