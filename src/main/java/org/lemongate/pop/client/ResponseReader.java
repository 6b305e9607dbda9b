package org.lemongate.pop.client;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.lemongate.bytes.ByteScan;

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

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] CR = {'\r'};

  /** A body starts this big unless its size was announced (LIST), and doubles when full. */
  private static final int INITIAL_BODY_BYTES = 8 * 1024;
  /** An announced size is believed up to here only: a hostile server may announce anything. */
  private static final int MAX_PRESIZED_BODY_BYTES = 16 * 1024 * 1024;
  /** Netty reads at most 64 KB at a time by default; TLS records are at most 16 KB. */
  private static final int INITIAL_SCRATCH_BYTES = 64 * 1024;

  private final Pop3Limits limits;
  private final Listener listener;
  private Phase phase = Phase.STATUS;
  private final ByteArrayOutputStream statusLine = new ByteArrayOutputStream();
  private Response bodyStatus;
  /** The body so far: a plain array, presized or grown by doubling, copied into a run of bytes at a time. */
  private byte[] body;
  private int bodyLength;
  private long maxBodyBytes;
  private int lineLength;
  private boolean crPending;
  private boolean discarding;
  /** Where a chunk in native memory is copied to be read; grows to the largest chunk seen. */
  private byte[] scratch = new byte[INITIAL_SCRATCH_BYTES];

  ResponseReader(Pop3Limits limits, Listener listener) {
    this.limits = limits;
    this.listener = listener;
  }

  /**
   * Reads a chunk as the socket delivered it; the caller keeps it (and releases it). A chunk in
   * native memory, which the socket's pooled buffers are, is first copied into an array of this
   * reader, reused from chunk to chunk: the scans below work on arrays.
   */
  void feed(ByteBuf chunk) throws ProtocolViolation {
    int length = chunk.readableBytes();
    if (chunk.hasArray()) {
      int offset = chunk.arrayOffset() + chunk.readerIndex();
      feed(chunk.array(), offset, offset + length);
      return;
    }
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, 2 * scratch.length)];
    }
    chunk.getBytes(chunk.readerIndex(), scratch, 0, length);
    feed(scratch, 0, length);
  }

  private void feed(byte[] chunk, int from, int to) throws ProtocolViolation {
    discarding = false;
    int position = from;
    while (position < to && !discarding) {
      position = phase == Phase.STATUS ? readStatus(chunk, position, to) : readBody(chunk, position, to);
    }
  }

  /**
   * Forgets every byte read but not yet answered, the rest of the chunk being fed included. Used when
   * TLS starts: nothing the server sent before the handshake may be read as a later answer.
   */
  void discardBuffered() {
    discarding = true;
    phase = Phase.STATUS;
    statusLine.reset();
    body = null;
    bodyStatus = null;
  }

  private int readStatus(byte[] chunk, int position, int to) throws ProtocolViolation {
    Request awaited = listener.awaited();
    if (awaited == null) {
      throw ProtocolViolation.of("sent data while no command was waiting for an answer");
    }
    int lineFeed = ByteScan.indexOf(chunk, (byte) '\n', position, to);
    int end = lineFeed < 0 ? to : lineFeed;
    if (statusLine.size() + (end - position) > limits.maxStatusLineBytes()) {
      throw ProtocolViolation.of("sent a status line longer than " + limits.maxStatusLineBytes()
          + " bytes in answer to " + awaited.name());
    }
    statusLine.write(chunk, position, end - position);
    if (lineFeed < 0) {
      return to;
    }
    Response status = parseStatus(withoutCr(statusLine), awaited);
    statusLine.reset();
    if (status.ok() && awaited.answer() != Request.Answer.STATUS) {
      startBody(status, awaited);
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

  private void startBody(Response status, Request awaited) {
    bodyStatus = status;
    long announced = Math.min(awaited.expectedBodyBytes(), Math.min(awaited.maxBodyBytes(), MAX_PRESIZED_BODY_BYTES));
    body = new byte[announced > 0 ? (int) announced : INITIAL_BODY_BYTES];
    bodyLength = 0;
    maxBodyBytes = awaited.maxBodyBytes();
    lineLength = 0;
    crPending = false;
    phase = Phase.LINE_START;
  }

  /**
   * RFC 1939 section 3: a line starting with the termination octet has it removed, unless the line
   * is the termination octet alone, which ends the response. A bare LF is read as a line end too.
   */
  private int readBody(byte[] chunk, int position, int to) throws ProtocolViolation {
    while (position < to && phase != Phase.STATUS) {
      byte next = chunk[position];
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
        default -> {
          int afterLines = crPending ? position : copyCrlfLines(chunk, position, to);
          position = afterLines > position ? afterLines : copyLine(chunk, position, to);
        }
      }
    }
    return position;
  }

  /**
   * The fast path, for almost every line of a message: lines that end in CRLF within this chunk and
   * whose successor does not start with a dot need no change, so a run of them is copied at once.
   * Returns where the run ended (a line start), or {@code position} when the line needs
   * {@link #copyLine}: a bare LF, a line end beyond this chunk, a line over the limit.
   */
  private int copyCrlfLines(byte[] chunk, int position, int to) throws ProtocolViolation {
    int runEnd = position;
    int lineStart = position;
    int earlierBytes = lineLength;
    while (true) {
      int lineFeed = ByteScan.indexOf(chunk, (byte) '\n', lineStart, to);
      if (lineFeed <= lineStart || chunk[lineFeed - 1] != '\r'
          || earlierBytes + (lineFeed - 1 - lineStart) > limits.maxBodyLineBytes()) {
        break;
      }
      runEnd = lineFeed + 1;
      earlierBytes = 0;
      if (runEnd == to || chunk[runEnd] == '.') {
        break;
      }
      lineStart = runEnd;
    }
    if (runEnd > position) {
      appendToBody(chunk, position, runEnd - position);
      lineLength = 0;
      phase = Phase.LINE_START;
    }
    return runEnd;
  }

  /** Copies line content up to the next CR or LF, then handles that one byte. */
  private int copyLine(byte[] chunk, int position, int to) throws ProtocolViolation {
    int lineBreak = ByteScan.indexOfLineBreak(chunk, position, to);
    int end = lineBreak < 0 ? to : lineBreak;
    if (end > position) {
      flushPendingCr();
      appendContent(chunk, position, end - position);
    }
    if (end == to) {
      return end;
    }
    if (chunk[end] == '\n') {
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

  private void appendContent(byte[] source, int from, int length) throws ProtocolViolation {
    lineLength += length;
    if (lineLength > limits.maxBodyLineBytes()) {
      throw ProtocolViolation.of("sent a line longer than " + limits.maxBodyLineBytes()
          + " bytes in answer to " + listener.awaited().name());
    }
    appendToBody(source, from, length);
  }

  private void appendToBody(byte[] source, int from, int length) throws ProtocolViolation {
    if (bodyLength + (long) length > maxBodyBytes) {
      throw ProtocolViolation.overLimit("sent more than " + maxBodyBytes + " bytes in answer to "
          + listener.awaited().name());
    }
    if (bodyLength + length > body.length) {
      body = Arrays.copyOf(body, (int) Math.min(Integer.MAX_VALUE - 8,
          Math.max(bodyLength + (long) length, 2L * body.length)));
    }
    System.arraycopy(source, from, body, bodyLength, length);
    bodyLength += length;
  }

  /** Ends the body; when its size was announced right, the array is handed over as it is. */
  private int finishBody(int position) throws ProtocolViolation {
    byte[] complete = bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength);
    Response response = new Response(bodyStatus.status(), bodyStatus.text(), complete);
    phase = Phase.STATUS;
    body = null;
    bodyStatus = null;
    listener.onResponse(response);
    return position;
  }

  private static String withoutCr(ByteArrayOutputStream line) {
    byte[] bytes = line.toByteArray();
    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
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
