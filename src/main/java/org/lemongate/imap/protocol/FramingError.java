package org.lemongate.imap.protocol;

/**
 * The framer refused (part of) a command. The framer has already resynchronised: the next event
 * belongs to the next command. {@code ResponseWriter.framingError} turns this into the response
 * the RFCs ask for.
 *
 * @param tag      the command's tag if it could be read, else null (answer untagged)
 * @param reason   what went wrong
 * @param message  a human-readable explanation for the response text
 * @param fatal    the connection cannot be kept in sync: send BYE and close
 */
public record FramingError(String tag, Reason reason, String message, boolean fatal)
    implements FramerEvent {

  /** Why a command was refused. */
  public enum Reason {
    /** A line longer than the line limit. */
    LINE_TOO_LONG,
    /** A synchronising literal over the limit; the client was not invited, so sent nothing. */
    LITERAL_TOO_LARGE,
    /** A non-synchronising literal over the limit (RFC 7888 §4); its bytes were skipped. */
    NON_SYNC_LITERAL_TOO_LARGE,
    /** All lines and literals of one command together over the command limit. */
    COMMAND_TOO_LARGE,
    /** A NUL byte in a command line. */
    NUL_BYTE,
    /** A CR not followed by LF. */
    BARE_CR;

    /** True for the size limits, which are answered with the TOOBIG response code. */
    public boolean tooBig() {
      return this != NUL_BYTE && this != BARE_CR;
    }
  }
}
