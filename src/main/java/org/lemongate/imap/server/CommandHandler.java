package org.lemongate.imap.server;

import io.vertx.core.Future;
import org.lemongate.imap.command.Command;

/**
 * Executes one kind of command for a session. It runs on the session's event loop, reaches the
 * store only through its futures, writes its untagged responses to {@link ImapSession#writer()},
 * and returns how the command ends; the session adds pending mailbox updates and the tagged line.
 */
@FunctionalInterface
public interface CommandHandler<C extends Command> {
  Future<Completion> handle(ImapSession session, String tag, C command);
}
