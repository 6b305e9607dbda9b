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
 */
public record ImapLimits(
    int lineLength,
    long literalSize,
    long commandSize,
    int nestingDepth,
    int preAuthLineLength,
    int preAuthLiteralSize) {

  public static ImapLimits defaults() {
    return new ImapLimits(64 * 1024, 64L * 1024 * 1024, 1024 * 1024, 32, 1024, 1024);
  }
}
