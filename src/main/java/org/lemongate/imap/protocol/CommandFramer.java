package org.lemongate.imap.protocol;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.lemongate.config.ImapLimits;
import org.lemongate.imap.protocol.FramerEvent.Continuation;
import org.lemongate.imap.protocol.FramerEvent.LiteralChunk;
import org.lemongate.imap.protocol.FramerEvent.LiteralStart;
import org.lemongate.imap.protocol.FramerEvent.RawLine;
import org.lemongate.imap.protocol.FramingError.Reason;

/**
 * Cuts the byte stream from one client into commands before anything is parsed (frame first,
 * parse second), so a malformed or oversized command can be dropped without losing track of
 * where the next one starts. It knows only lines, quoted strings (a {@code {} inside quotes is not
 * a literal) and literal announcements at the end of a line: {@code {n}}, {@code {n+}} (LITERAL+,
 * RFC 7888) and {@code ~{n}}, {@code ~{n+}} (literal8, RFC 3516).
 *
 * <h2>Driving it</h2>
 *
 * <pre>{@code
 * socket.handler(buffer -> { framer.feed(buffer); pump(); });
 *
 * void pump() {                       // also called when a command finishes
 *   FramerEvent event;
 *   while (!busy && (event = framer.next()) != null) {
 *     if (event instanceof CommandFrame frame) ...       // parse with CommandParser, execute
 *     else if (event instanceof Continuation) ...        // write "+ Ready\r\n"
 *     else if (event instanceof LiteralStart start) ...  // an APPEND message begins
 *     else if (event instanceof LiteralChunk chunk) ...  // its bytes, in order
 *     else if (event instanceof RawLine line) ...        // AUTHENTICATE response or IDLE's DONE
 *     else if (event instanceof FramingError error) ...  // ResponseWriter.framingError(error)
 *   }
 * }
 * }</pre>
 *
 * <p><b>Backpressure.</b> The framer never reads ahead: {@link #next()} consumes input only up to
 * the event it returns. A session that is busy (a command executing, a chunk being written to the
 * store) simply stops calling {@code next()} and pauses the socket when {@link #bufferedBytes()}
 * grows; what it fed stays queued untouched. Mode changes ({@link #setAuthenticated}, {@link
 * #expectRawLine}) therefore apply exactly from the next command on.
 *
 * <p><b>Memory.</b> A command is buffered up to the limits of {@link ImapLimits}; the only
 * unbounded queue is the fed input, which the caller controls as above. Streamed literals are
 * handed out as slices of the fed buffers, never copied.
 *
 * <p><b>Decisions.</b>
 *
 * <ul>
 *   <li>A bare LF ends a line like CRLF does: the RFC requires CRLF, but accepting LF is harmless
 *       (nothing here forwards lines to another protocol) and helps telnet users and sloppy
 *       clients, as Dovecot does.
 *   <li>A CR not followed by LF, or a NUL byte, makes the line invalid (BAD); the framer skips to
 *       the line's end and goes on with the next command.
 *   <li>Empty command lines are ignored; in raw mode an empty line is a valid (empty) answer.
 *   <li>A synchronising literal over a limit is refused instead of being invited; the client then
 *       does not send it (RFC 9051 §7.5) and the framer expects a new command.
 *   <li>A non-synchronising literal over a limit is refused with BAD [TOOBIG] and its bytes are
 *       skipped, counted but not stored, along with the rest of the command (RFC 7888 §4 lets the
 *       server either skip them or close the connection). Skipping keeps the session and its
 *       pipelined commands alive at no memory cost, which suits the common case of a client
 *       misjudging LITERAL-'s 4096-byte bound. Only an announcement bigger than {@link
 *       ImapLimits#literalSize()}, the largest literal accepted in any state, is fatal: reading
 *       that much junk helps no one, so the session should answer BYE and close.
 * </ul>
 */
public final class CommandFramer {
  private static final int INITIAL_FRAME_CAPACITY = 256;
  private static final int SCAN_WINDOW = 512;

  /** Frames up to this size are copied out, so the working array is reused; larger go as is. */
  private static final int COPY_OUT_LIMIT = 16 * 1024;

  /** A frame is one array. */
  private static final long MAX_FRAME = Integer.MAX_VALUE - 1024;

  private enum State {
    /** Reading (or, when {@link #discarding}, skipping) a line. */
    LINE,
    /** Reading a literal's data into the frame. */
    INLINE_LITERAL,
    /** {@link LiteralStart} was returned; the next call accepts the literal. */
    STREAM_ANNOUNCED,
    /** Handing out a literal's data as {@link LiteralChunk}s. */
    STREAMED_LITERAL,
    /** Skipping the data of a refused literal. */
    SKIPPED_LITERAL,
    /** A fatal error happened; nothing more is read. */
    CLOSED
  }

  // How much of a literal announcement such as ~{123+} the current line ends with. Plain ints,
  // not an enum: this state changes on every byte, and a primitive store is cheaper.
  private static final int TAIL_NONE = 0;
  private static final int TAIL_TILDE = 1;
  private static final int TAIL_OPEN = 2;
  private static final int TAIL_DIGITS = 3;
  private static final int TAIL_PLUS = 4;
  private static final int TAIL_CLOSED = 5;

  private final ImapLimits limits;
  private boolean authenticated;
  private Predicate<CommandFrame> streamedLiterals = prefix -> false;

  private final ArrayDeque<Buffer> input = new ArrayDeque<>();
  private int inputOffset;

  private State state = State.LINE;
  private boolean discarding;
  private boolean rawLine;

  // The command being framed.
  private byte[] frame = new byte[INITIAL_FRAME_CAPACITY];
  private int frameLength;
  private List<LiteralSpan> literals;

  // The line being read.
  private int lineLength;
  private boolean pendingCr;
  private boolean inQuoted;
  private boolean escaped;
  private int tail = TAIL_NONE;
  private int tailStart;
  private long tailSize;
  private boolean tailBinary;
  private boolean tailNonSync;

  // The literal being read, streamed or skipped.
  private long literalRemaining;
  private boolean literalSynchronizing;

  public CommandFramer(ImapLimits limits) {
    this.limits = limits;
  }

  /** Queues bytes received from the client. They are not looked at until {@link #next()}. */
  public void feed(Buffer bytes) {
    if (state != State.CLOSED && bytes.length() > 0) {
      input.addLast(bytes);
    }
  }

  /** Queues bytes received from the client (copied into a {@link Buffer}). */
  public void feed(byte[] bytes) {
    feed(Buffer.buffer(bytes));
  }

  /**
   * Switches between the limits before authentication ({@link ImapLimits#preAuthLineLength()},
   * {@link ImapLimits#preAuthLiteralSize()}, and commands of at most {@code preAuthLineLength + 2
   * * preAuthLiteralSize} bytes: a LOGIN with two literals) and the full limits after it.
   */
  public void setAuthenticated(boolean authenticated) {
    this.authenticated = authenticated;
  }

  /**
   * Sets the rule choosing which literals are streamed as chunks rather than kept in the frame,
   * given the command up to the literal (valid only during the call). Streamed literals may be as
   * large as {@link ImapLimits#literalSize()} and do not count towards the command size. The
   * session uses {@code CommandParser::isMessageLiteral}; by default nothing is streamed.
   */
  public void setStreamedLiterals(Predicate<CommandFrame> rule) {
    this.streamedLiterals = rule;
  }

  /**
   * Makes the next line a {@link RawLine} instead of a command: call it after sending an
   * AUTHENTICATE challenge or IDLE's continuation. Applies to one line only.
   *
   * @throws IllegalStateException if a command is half framed
   */
  public void expectRawLine() {
    if (!atCommandStart()) {
      throw new IllegalStateException("a command is being framed");
    }
    rawLine = true;
  }

  /**
   * Drops the rest of the current command, for a session that refused it after {@link
   * LiteralStart} or failed while consuming its chunks, and has answered it already. A literal
   * the client was not yet invited to send is not expected any more; bytes already on their way
   * (the rest of the literal, the rest of the command) are skipped. No event is produced. Does
   * nothing between commands.
   */
  public void abortCommand() {
    switch (state) {
      case STREAM_ANNOUNCED -> {
        if (literalSynchronizing) {
          resetCommand();
        } else {
          skipRestOfCommand();
        }
      }
      case STREAMED_LITERAL, INLINE_LITERAL -> skipRestOfCommand();
      case LINE -> {
        if (!atCommandStart()) {
          discarding = true;
        }
      }
      default -> {}
    }
  }

  /** Bytes fed but not yet consumed by {@link #next()}. */
  public long bufferedBytes() {
    long total = -inputOffset;
    for (Buffer b : input) {
      total += b.length();
    }
    return total;
  }

  /**
   * Removes and returns every byte fed but not yet consumed. After STARTTLS the session must
   * check this is empty (plaintext sent before the handshake must not be executed); after
   * COMPRESS the bytes are compressed and must go through the inflater before being fed again.
   */
  public Buffer takeBufferedInput() {
    Buffer rest = Buffer.buffer((int) Math.max(0, bufferedBytes()));
    for (Buffer b : input) {
      rest.appendBuffer(b, inputOffset, b.length() - inputOffset);
      inputOffset = 0;
    }
    input.clear();
    return rest;
  }

  /**
   * The next event, or null when more input is needed (or after a fatal error). Consumes input
   * only up to the event returned.
   */
  public FramerEvent next() {
    while (state != State.CLOSED) {
      if (state == State.STREAM_ANNOUNCED) { // pulling again accepts the streamed literal
        state = State.STREAMED_LITERAL;
        if (literalSynchronizing) {
          return Continuation.INSTANCE;
        }
      }
      if (state == State.STREAMED_LITERAL && literalRemaining == 0) { // an empty literal
        state = State.LINE;
        return new LiteralChunk(Buffer.buffer(0), true);
      }
      Buffer in = currentInput();
      if (in == null) {
        return null;
      }
      FramerEvent event = null;
      switch (state) {
        case LINE -> event = scanLine(in);
        case INLINE_LITERAL -> readInlineLiteral(in);
        case STREAMED_LITERAL -> event = readStreamedChunk(in);
        case SKIPPED_LITERAL -> skipLiteral(in);
        default -> throw new IllegalStateException(state.name());
      }
      if (event != null) {
        return event;
      }
    }
    return null;
  }

  private Buffer currentInput() {
    while (!input.isEmpty()) {
      Buffer head = input.peekFirst();
      if (inputOffset < head.length()) {
        return head;
      }
      input.removeFirst();
      inputOffset = 0;
    }
    return null;
  }

  // ---- lines ----

  /**
   * Reads a line window by window: up to {@link #SCAN_WINDOW} input bytes are copied in bulk to
   * the frame array just past the frame and scanned there, which is several times faster than
   * reading a {@link Buffer} byte by byte. Bytes the line keeps are compacted in place (the write
   * index never passes the read index); the rest of the window is scratch, and input past the
   * event returned is read again next time.
   */
  private FramerEvent scanLine(Buffer in) {
    int window = Math.min(in.length() - inputOffset, SCAN_WINDOW);
    ensureCapacity(frameLength + window);
    in.getBytes(inputOffset, inputOffset + window, frame, frameLength);
    int read = frameLength;
    int stop = frameLength + window;
    while (read < stop) {
      byte b = frame[read++];
      inputOffset++;
      if (b == '\n') {
        return endOfLine();
      }
      boolean bareCr = pendingCr;
      pendingCr = b == '\r';
      FramingError fault =
          bareCr && !discarding ? startDiscarding(Reason.BARE_CR, "CR not followed by LF") : null;
      if (b == '\r') {
        if (fault != null) {
          return fault;
        }
        continue;
      }
      if (!discarding) {
        if (b == 0) {
          fault = startDiscarding(Reason.NUL_BYTE, "NUL byte in command line");
        } else if (lineLength == lineLimit()) {
          fault =
              startDiscarding(Reason.LINE_TOO_LONG, "line longer than " + lineLimit() + " bytes");
        } else if (frameLength >= commandLimit()) {
          fault =
              startDiscarding(
                  Reason.COMMAND_TOO_LARGE, "command longer than " + commandLimit() + " bytes");
        }
      }
      if (discarding) {
        if (!rawLine) {
          trackAnnouncement(b, -1);
        }
      } else {
        lineLength++;
        frame[frameLength++] = b;
        if (!rawLine) {
          trackAnnouncement(b, frameLength - 1);
        }
      }
      if (fault != null) {
        return fault;
      }
    }
    return null;
  }

  /**
   * Follows quoted strings and whether the line so far ends with a literal announcement. A line
   * ends with one exactly when {@link #tail} is {@code TAIL_CLOSED} at its LF.
   */
  private void trackAnnouncement(byte b, int frameIndex) {
    if (inQuoted) {
      if (escaped) {
        escaped = false;
      } else if (b == '\\') {
        escaped = true;
      } else if (b == '"') {
        inQuoted = false;
      }
      return;
    }
    switch (b) {
      case '"' -> {
        inQuoted = true;
        tail = TAIL_NONE;
      }
      case '~' -> {
        tail = TAIL_TILDE;
        tailStart = frameIndex;
      }
      case '{' -> {
        tailBinary = tail == TAIL_TILDE;
        if (!tailBinary) {
          tailStart = frameIndex;
        }
        tailSize = 0;
        tail = TAIL_OPEN;
      }
      case '+' -> tail = tail == TAIL_DIGITS ? TAIL_PLUS : TAIL_NONE;
      case '}' -> {
        tailNonSync = tail == TAIL_PLUS;
        tail = tail == TAIL_DIGITS || tail == TAIL_PLUS ? TAIL_CLOSED : TAIL_NONE;
      }
      default -> {
        if (b >= '0' && b <= '9' && (tail == TAIL_OPEN || tail == TAIL_DIGITS)) {
          int digit = b - '0';
          // saturate instead of overflowing: any such size is over every limit anyway
          tailSize =
              tailSize > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : tailSize * 10 + digit;
          tail = TAIL_DIGITS;
        } else {
          tail = TAIL_NONE;
        }
      }
    }
  }

  private FramerEvent endOfLine() {
    pendingCr = false;
    boolean announced = tail == TAIL_CLOSED && !rawLine;
    boolean synchronizing = announced && !tailNonSync;
    if (discarding) {
      if (announced && !synchronizing) {
        return skipLiteralOfRefusedCommand(tailSize);
      }
      // Nothing more of this command is coming: a synchronising literal is never invited.
      resetCommand();
      return null;
    }
    if (rawLine) {
      RawLine line = new RawLine(Buffer.buffer(frameLength).appendBytes(frame, 0, frameLength));
      resetCommand();
      return line;
    }
    if (announced) {
      return literalAnnounced(tailSize, synchronizing, tailBinary, tailStart);
    }
    if (frameLength == 0) {
      resetCommand(); // an empty line: ignored
      return null;
    }
    List<LiteralSpan> spans = literals == null ? List.of() : List.copyOf(literals);
    CommandFrame complete;
    if (frameLength <= COPY_OUT_LIMIT) {
      complete = new CommandFrame(Arrays.copyOf(frame, frameLength), frameLength, spans);
    } else {
      complete = new CommandFrame(frame, frameLength, spans);
      frame = new byte[INITIAL_FRAME_CAPACITY];
    }
    resetCommand();
    return complete;
  }

  // ---- literals ----

  private FramerEvent literalAnnounced(
      long size, boolean synchronizing, boolean binary, int announcementStart) {
    boolean streamed =
        size <= literalLimit()
            && streamedLiterals.test(new CommandFrame(frame, announcementStart, literalList()));
    if (!synchronizing && size > nonSyncLiteralLimit()) {
      String hint = size <= literalLimit() ? "; send it as a synchronizing literal" : "";
      return refuseLiteral(
          Reason.NON_SYNC_LITERAL_TOO_LARGE,
          "non-synchronizing literal of "
              + size
              + " bytes is over the limit of "
              + nonSyncLiteralLimit()
              + " bytes"
              + hint,
          size,
          false);
    }
    if (size > literalLimit()) {
      return refuseLiteral(
          Reason.LITERAL_TOO_LARGE,
          "literal of " + size + " bytes is over the limit of " + literalLimit() + " bytes",
          size,
          synchronizing);
    }
    if (!streamed && frameLength + 2 + size > commandLimit()) {
      return refuseLiteral(
          Reason.COMMAND_TOO_LARGE,
          "command with a literal of "
              + size
              + " bytes is over the limit of "
              + commandLimit()
              + " bytes",
          size,
          synchronizing);
    }
    ensureCapacity(frameLength + 2 + (streamed ? 0 : (int) size));
    append((byte) '\r');
    append((byte) '\n');
    if (literals == null) {
      literals = new ArrayList<>(2);
    }
    literals.add(
        new LiteralSpan(announcementStart, frameLength, size, synchronizing, binary, streamed));
    resetLine();
    literalRemaining = size;
    literalSynchronizing = synchronizing;
    if (streamed) {
      state = State.STREAM_ANNOUNCED;
      CommandFrame prefix =
          new CommandFrame(
              Arrays.copyOf(frame, announcementStart), announcementStart, List.copyOf(literals));
      return new LiteralStart(prefix, size, synchronizing, binary);
    }
    state = size == 0 ? State.LINE : State.INLINE_LITERAL;
    return synchronizing ? Continuation.INSTANCE : null;
  }

  /**
   * Refuses an announced literal. A synchronising one was not invited, so the command is over; a
   * non-synchronising one is already on its way and is skipped with the rest of its command.
   */
  private FramerEvent refuseLiteral(
      Reason reason, String message, long size, boolean synchronizing) {
    FramingError error = new FramingError(errorTag(), reason, message, false);
    if (synchronizing) {
      resetCommand();
      return error;
    }
    if (size > limits.literalSize()) {
      return fatal(error.tag(), message);
    }
    discarding = true;
    resetLine();
    startSkipping(size);
    return error;
  }

  /** A non-synchronising literal ends a line of a command being skipped: skip it too. */
  private FramerEvent skipLiteralOfRefusedCommand(long size) {
    if (size > limits.literalSize()) {
      return fatal(
          errorTag(),
          "non-synchronizing literal of "
              + size
              + " bytes is over the limit of "
              + limits.literalSize()
              + " bytes");
    }
    resetLine();
    startSkipping(size);
    return null;
  }

  private FramingError fatal(String tag, String message) {
    state = State.CLOSED;
    input.clear();
    inputOffset = 0;
    frame = new byte[0];
    return new FramingError(tag, Reason.NON_SYNC_LITERAL_TOO_LARGE, message, true);
  }

  private void startSkipping(long size) {
    literalRemaining = size;
    state = size == 0 ? State.LINE : State.SKIPPED_LITERAL;
  }

  private void skipRestOfCommand() {
    discarding = true;
    resetLine();
    startSkipping(literalRemaining);
  }

  private void readInlineLiteral(Buffer in) {
    int n = (int) Math.min(literalRemaining, in.length() - inputOffset);
    in.getBytes(inputOffset, inputOffset + n, frame, frameLength);
    frameLength += n;
    inputOffset += n;
    literalRemaining -= n;
    if (literalRemaining == 0) {
      state = State.LINE;
    }
  }

  private FramerEvent readStreamedChunk(Buffer in) {
    int n = (int) Math.min(literalRemaining, in.length() - inputOffset);
    Buffer chunk = in.slice(inputOffset, inputOffset + n);
    inputOffset += n;
    literalRemaining -= n;
    boolean last = literalRemaining == 0;
    if (last) {
      state = State.LINE;
    }
    return new LiteralChunk(chunk, last);
  }

  private void skipLiteral(Buffer in) {
    int n = (int) Math.min(literalRemaining, in.length() - inputOffset);
    inputOffset += n;
    literalRemaining -= n;
    if (literalRemaining == 0) {
      state = State.LINE;
    }
  }

  // ---- state helpers ----

  private FramingError startDiscarding(Reason reason, String message) {
    discarding = true;
    return new FramingError(errorTag(), reason, message, false);
  }

  private String errorTag() {
    return rawLine ? null : CommandFrame.tagOf(frame, frameLength);
  }

  private boolean atCommandStart() {
    return state == State.LINE && !discarding && frameLength == 0 && lineLength == 0 && !pendingCr;
  }

  private void resetLine() {
    lineLength = 0;
    pendingCr = false;
    inQuoted = false;
    escaped = false;
    tail = TAIL_NONE;
  }

  private void resetCommand() {
    resetLine();
    if (frame.length > COPY_OUT_LIMIT) {
      frame = new byte[INITIAL_FRAME_CAPACITY];
    }
    frameLength = 0;
    literals = null;
    discarding = false;
    rawLine = false;
    state = State.LINE;
  }

  private List<LiteralSpan> literalList() {
    return literals == null ? List.of() : literals;
  }

  private void append(byte b) {
    if (frameLength == frame.length) {
      ensureCapacity(frameLength + 1);
    }
    frame[frameLength++] = b;
  }

  private void ensureCapacity(int needed) {
    if (needed > frame.length) {
      frame = Arrays.copyOf(frame, Math.max(needed, frame.length * 2));
    }
  }

  // ---- limits for the current state ----

  private int lineLimit() {
    return authenticated ? limits.lineLength() : limits.preAuthLineLength();
  }

  private long literalLimit() {
    return authenticated ? limits.literalSize() : limits.preAuthLiteralSize();
  }

  private long nonSyncLiteralLimit() {
    return Math.min(limits.nonSyncLiteralSize(), literalLimit());
  }

  private long commandLimit() {
    return authenticated
        ? Math.min(limits.commandSize(), MAX_FRAME)
        : limits.preAuthLineLength() + 2L * limits.preAuthLiteralSize();
  }
}
