/**
 * One immutable record per client command ({@link org.lemongate.imap.command.Command}) and the
 * whole argument grammar in one class ({@link org.lemongate.imap.command.CommandParser}). The
 * session looks commands up by {@link org.lemongate.imap.command.ParsedCommand#name()} in its
 * command table and hands the record to a handler.
 */
package org.lemongate.imap.command;
