package org.lemongate.imap.command;

/**
 * A command with its tag and name.
 *
 * @param name the upper-cased command name, {@code UID FETCH} for UID variants: for the command
 *     table, metrics and "FETCH completed" texts
 */
public record ParsedCommand(String tag, String name, Command command) {}
