package org.lemongate.pop.client;

/**
 * Why a POP3 operation failed. Every failure of {@link Pop3Client} and {@link Pop3Connector} is one of
 * these (or an {@link IllegalStateException} / {@link IllegalArgumentException} for a caller's mistake),
 * so the sync engine and the IMAP login can switch on {@link #kind()}.
 *
 * <p>Messages name the server and, for login failures, the user; they never contain a password.
 * There is no stack trace: the failure happens on an event loop, where a trace only shows Netty.
 */
public final class Pop3Exception extends RuntimeException {

  /** What went wrong, as a caller needs to know it. */
  public enum Kind {
    /** Wrong credentials: {@code -ERR [AUTH]} or a plain {@code -ERR} to USER, PASS, APOP or AUTH. */
    AUTH,
    /** The maildrop is locked by another session ({@code [IN-USE]}, RFC 2449 section 8.1.2). */
    IN_USE,
    /** The user logged in too recently ({@code [LOGIN-DELAY]}, RFC 2449 section 8.1.1). */
    LOGIN_DELAY,
    /** A temporary server problem ({@code [SYS/TEMP]}, RFC 3206 section 3): try again later. */
    SYS_TEMP,
    /** A permanent server problem ({@code [SYS/PERM]}, RFC 3206 section 3): retrying will not help. */
    SYS_PERM,
    /** The server cannot be reached, or the connection was closed or lost. */
    UNAVAILABLE,
    /** The server did not answer in time (connect, TLS handshake or a response). */
    TIMEOUT,
    /** TLS failed: handshake, untrusted certificate, wrong host name, or no STLS offered. */
    TLS,
    /** The server broke the protocol: garbage, a line over the limit, an inconsistent listing. */
    PROTOCOL,
    /** A message is larger than the caller's limit; the connection was closed. */
    TOO_BIG,
    /** The server refused UIDL (RFC 1939 section 7): message ids must come from elsewhere. */
    UIDL_UNSUPPORTED,
    /** A plain {@code -ERR} to any other command (no such message, TOP refused, ...). */
    COMMAND_FAILED,
    /** {@code -ERR} to QUIT: the server did NOT commit the deletions (RFC 1939 section 6). */
    NOT_COMMITTED
  }

  private final Kind kind;

  public Pop3Exception(Kind kind, String message) {
    this(kind, message, null);
  }

  public Pop3Exception(Kind kind, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public String toString() {
    return "Pop3Exception[" + kind + "]: " + getMessage();
  }
}
