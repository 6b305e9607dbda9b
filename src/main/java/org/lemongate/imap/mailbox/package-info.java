/**
 * Mailbox-level rules behind the mailbox commands, as pure functions of what the store holds:
 * {@link org.lemongate.imap.mailbox.MailboxLister} answers LIST and LSUB, {@link
 * org.lemongate.imap.mailbox.MailboxPolicy} decides CREATE, DELETE and RENAME, {@link
 * org.lemongate.imap.mailbox.StatusCalculator} computes STATUS. Nothing here touches the store or
 * the wire: handlers read the store, ask these classes, then write through {@code ResponseWriter}.
 */
package org.lemongate.imap.mailbox;
