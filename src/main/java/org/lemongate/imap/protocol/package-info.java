/**
 * The IMAP wire protocol without any session state: bytes in, typed values out.
 *
 * <ol>
 *   <li>{@link org.lemongate.imap.protocol.CommandFramer} cuts the client's byte stream into
 *       {@link org.lemongate.imap.protocol.CommandFrame}s, enforcing the limits of {@code
 *       ImapLimits} where the bytes enter, inviting synchronising literals, streaming APPEND
 *       messages as chunks, and resynchronising after a bad command.
 *   <li>{@link org.lemongate.imap.protocol.ArgReader} reads the grammar's pieces (atoms, strings,
 *       literals, numbers, sequence sets, flags, dates, mailbox names) off a complete frame; {@code
 *       imap.command.CommandParser} uses it to build one record per command.
 *   <li>The values: {@link org.lemongate.imap.protocol.SequenceSet}, {@link
 *       org.lemongate.imap.protocol.Flag}, {@link org.lemongate.imap.protocol.FetchAttribute},
 *       {@link org.lemongate.imap.protocol.SearchKey}, {@link
 *       org.lemongate.imap.protocol.MailboxNames} (modified UTF-7), {@link
 *       org.lemongate.imap.protocol.ImapDates}.
 * </ol>
 *
 * <p>References are to RFC 9051 (IMAP4rev2) unless another RFC is named.
 */
package org.lemongate.imap.protocol;
