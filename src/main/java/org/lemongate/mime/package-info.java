/**
 * The MIME layer: everything IMAP needs to know about the bytes of a message.
 *
 * <p>All of it is blocking, side-effect-free code over the raw RFC 5322 bytes of one message; the
 * server calls it on worker threads. The pieces:
 *
 * <ul>
 *   <li>{@link org.lemongate.mime.MessageSummary}: parsed once when a message enters the store and
 *       cached next to it ({@code toBytes}/{@code fromBytes}). It holds the part tree with the byte
 *       offsets of every part, the ENVELOPE, the dates and the decoded Subject/From/To/Cc/Bcc, and
 *       renders ENVELOPE, BODY and BODYSTRUCTURE without touching the message again.
 *   <li>{@link org.lemongate.mime.MessageSections}: {@code BODY[section]<partial>},
 *       {@code BINARY[part]} and {@code BINARY.SIZE[part]} as slices of the raw message.
 *   <li>{@link org.lemongate.mime.SearchableMessage}: the decoded text SEARCH matches against.
 *   <li>{@link org.lemongate.mime.MailDates}: lenient RFC 5322 dates and INTERNALDATE.
 * </ul>
 *
 * <p><b>Raw header text.</b> Strings taken from header fields (envelope fields, addresses, MIME
 * parameters, ...) are kept exactly as they are in the message, RFC 2047 encoded words included,
 * as IMAP requires. Since a header may hold any 8-bit bytes, such strings are <em>octet
 * strings</em>: each {@code char} is one byte of the message (the ISO-8859-1 mapping), so nothing
 * is lost whatever the charset. {@link org.lemongate.mime.HeaderText#decode(String)} turns one
 * into readable Unicode. The only change made to header bytes is that NUL, which no IMAP string
 * may carry, becomes U+FFFD (as its three UTF-8 octets), as Dovecot does.
 *
 * <p><b>Hostile input.</b> Parsing never throws on message content. Like Dovecot, the parser
 * stops descending at {@link org.lemongate.mime.MessageSummary#MAX_DEPTH} levels and stops
 * splitting after {@link org.lemongate.mime.MessageSummary#MAX_PARTS} parts; what lies beyond is
 * an opaque body.
 */
package org.lemongate.mime;
