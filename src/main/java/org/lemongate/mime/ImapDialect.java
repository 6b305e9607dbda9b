package org.lemongate.mime;

/**
 * What the client's session allows in rendered FETCH data. It decides two things: whether 8-bit
 * header text may go in a quoted string, and how a message/global part is described.
 *
 * <p>Header bytes are never converted. Valid UTF-8 goes in a quoted string where the session
 * allows it, and in a literal otherwise; other 8-bit bytes (a Latin-1 header, say) always go in
 * a literal, which IMAP4rev1 permits (CHAR8) and Dovecot does too.
 */
public enum ImapDialect {

  /** RFC 3501: quoted strings are 7-bit; message/global is a basic body. */
  IMAP4REV1(false, false),
  /** IMAP4rev1 after {@code ENABLE UTF8=ACCEPT} (RFC 6855 §3, RFC 9755): UTF-8 may be quoted. */
  IMAP4REV1_UTF8(true, false),
  /** RFC 9051: UTF-8 may be quoted (§9 QUOTED-CHAR); message/global encapsulates a message. */
  IMAP4REV2(true, true);

  private final boolean utf8Quoted;
  private final boolean messageGlobalEncapsulated;

  ImapDialect(boolean utf8Quoted, boolean messageGlobalEncapsulated) {
    this.utf8Quoted = utf8Quoted;
    this.messageGlobalEncapsulated = messageGlobalEncapsulated;
  }

  /** Whether a quoted string may hold UTF-8. */
  public boolean utf8Quoted() {
    return utf8Quoted;
  }

  /** Whether BODYSTRUCTURE gives message/global an envelope and body, as message/rfc822. */
  public boolean messageGlobalEncapsulated() {
    return messageGlobalEncapsulated;
  }
}
