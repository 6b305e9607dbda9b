package org.lemongate.imap.protocol;

/**
 * A command that does not follow the grammar, with a reason a human can act on ("expected SP
 * after tag", "unknown FETCH attribute FOO"). Answered with a tagged BAD, or untagged if the tag
 * could not be read. A few grammatically fine but unsupported requests (an unknown SEARCH
 * charset) are answered NO with a response code instead: see {@link #isRefusal()}.
 *
 * <p>Carries no stack trace: hostile clients can cause these cheaply.
 */
public final class ParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String tag;
  private final String command;
  private final String responseCode;
  private final boolean refusal;

  /** A syntax error, answered BAD. */
  public ParseException(String reason) {
    this(reason, null, null, null, false);
  }

  private ParseException(
      String reason, String tag, String command, String responseCode, boolean refusal) {
    super(reason, null, false, false);
    this.tag = tag;
    this.command = command;
    this.responseCode = responseCode;
    this.refusal = refusal;
  }

  /** A well-formed request the server will not carry out, answered NO [responseCode]. */
  public static ParseException refusal(String responseCode, String reason) {
    return new ParseException(reason, null, null, responseCode, true);
  }

  /** This error with the command's tag and name attached. */
  public ParseException forCommand(String tag, String command) {
    return new ParseException(getMessage(), tag, command, responseCode, refusal);
  }

  /** The tag of the failed command, or null if it could not be read. */
  public String tag() {
    return tag;
  }

  /** The command name (e.g. {@code UID FETCH}), or null if it could not be read. */
  public String command() {
    return command;
  }

  /** A response code to send, such as {@code BADCHARSET (US-ASCII UTF-8)}, or null. */
  public String responseCode() {
    return responseCode;
  }

  /** True if the answer is NO rather than BAD. */
  public boolean isRefusal() {
    return refusal;
  }
}
