package org.lemongate.config;

/**
 * Bounds on what one IMAP client may send, so no command can make the server buffer without limit.
 * Each rejection is a tagged BAD or NO with a reason (design: "Limits a user can see and set").
 *
 * @param lineLength          longest command line, literals excluded, in bytes
 * @param literalSize         largest literal (an APPEND message included), in bytes
 * @param commandSize         largest command, all its literals but message literals included, in bytes
 * @param nestingDepth        deepest parenthesis nesting in one command
 * @param preAuthLineLength   longest command line before authentication
 * @param preAuthLiteralSize  largest literal before authentication (a SASL response, a password)
 * @param nonSyncLiteralSize  largest non-synchronising literal {@code {n+}}: 4096 when the server
 *                            advertises LITERAL- (RFC 7888 §4, part of IMAP4rev2), up to
 *                            {@code literalSize} when it advertises LITERAL+
 */
public record ImapLimits(
    int lineLength,
    long literalSize,
    long commandSize,
    int nestingDepth,
    int preAuthLineLength,
    int preAuthLiteralSize,
    long nonSyncLiteralSize) {

  /** The LITERAL- bound on non-synchronising literals, RFC 7888 §4. */
  public static final long LITERAL_MINUS_SIZE = 4096;

  public static ImapLimits defaults() {
    return new ImapLimits(
        64 * 1024, 64L * 1024 * 1024, 1024 * 1024, 32, 1024, 1024, LITERAL_MINUS_SIZE);
  }
}
