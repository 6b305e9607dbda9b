package org.lemongate.imap.fetch;

/**
 * A BINARY or BINARY.SIZE item names a part whose Content-Transfer-Encoding Lemongate cannot
 * decode. The whole command fails: answer {@code NO [UNKNOWN-CTE]} (RFC 9051 §7.5.2, RFC 3516
 * §4.3). Nothing of the message's response has been written when this is thrown.
 */
public final class UnknownTransferEncodingException extends Exception {

  private final String encoding;

  public UnknownTransferEncodingException(String encoding) {
    super("cannot decode the Content-Transfer-Encoding " + encoding);
    this.encoding = encoding;
  }

  /** The encoding as the part names it. */
  public String encoding() {
    return encoding;
  }
}
