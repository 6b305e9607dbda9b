package org.lemongate.imap.protocol;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * What {@link CommandFramer#next()} hands to the session. A complete command is a {@link
 * CommandFrame}; the other kinds are nested here.
 */
public sealed interface FramerEvent
    permits CommandFrame,
        FramerEvent.Continuation,
        FramerEvent.LiteralStart,
        FramerEvent.LiteralChunk,
        FramerEvent.RawLine,
        FramingError {

  /**
   * The client announced a synchronising literal and the framer accepted it: send a command
   * continuation request ({@code + Ready}) now, or the client will wait forever (RFC 9051 §7.5).
   */
  record Continuation() implements FramerEvent {
    public static final Continuation INSTANCE = new Continuation();
  }

  /**
   * A literal the streaming rule selected (an APPEND message) begins. {@code prefix} is the
   * command up to the literal, for the session to parse (tag, mailbox, flags). The session then
   * either keeps pulling events, which accepts the literal ({@link Continuation} follows if it is
   * synchronising, then {@link LiteralChunk}s), or calls {@link CommandFramer#abortCommand()}
   * after answering NO, which drops the command without losing sync.
   */
  record LiteralStart(CommandFrame prefix, long size, boolean synchronizing, boolean binary)
      implements FramerEvent {}

  /**
   * Bytes of a streamed literal, in order; {@code last} marks the final chunk (an empty literal
   * gives one empty last chunk). The buffer is a slice of what was fed, not a copy. The rest of
   * the command follows as a {@link CommandFrame} whose literal span says {@code streamed}.
   */
  record LiteralChunk(Buffer data, boolean last) implements FramerEvent {}

  /**
   * A line read in raw mode ({@link CommandFramer#expectRawLine()}): an AUTHENTICATE response or
   * the {@code DONE} ending IDLE. Line terminator excluded; may be empty.
   */
  record RawLine(Buffer line) implements FramerEvent {
    /** The line as US-ASCII text (base64 and DONE are ASCII; other bytes become U+FFFD). */
    public String text() {
      return line.toString(StandardCharsets.US_ASCII);
    }
  }
}
