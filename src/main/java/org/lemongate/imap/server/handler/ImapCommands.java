package org.lemongate.imap.server.handler;

import static org.lemongate.imap.server.CommandTable.ANY;
import static org.lemongate.imap.server.CommandTable.AUTHENTICATED;
import static org.lemongate.imap.server.CommandTable.AUTHENTICATED_ONLY;
import static org.lemongate.imap.server.CommandTable.NOT_AUTHENTICATED;
import static org.lemongate.imap.server.CommandTable.SELECTED;

import org.lemongate.imap.command.Command;
import org.lemongate.imap.server.CommandTable;

/** Every command the gateway serves, with the states it is valid in. */
public final class ImapCommands {
  private ImapCommands() {
  }

  public static CommandTable table() {
    return new CommandTable()
        .add("CAPABILITY", ANY, SessionCommands::capability)
        .<Command.Noop>add("NOOP", ANY, SessionCommands::noop)
        .add("LOGOUT", ANY, SessionCommands::logout)
        .add("ID", ANY, SessionCommands::id)
        .add("STARTTLS", NOT_AUTHENTICATED, AuthCommands::startTls)
        .add("LOGIN", NOT_AUTHENTICATED, AuthCommands::login)
        .add("AUTHENTICATE", NOT_AUTHENTICATED, AuthCommands::authenticate)
        .add("ENABLE", AUTHENTICATED_ONLY, SessionCommands::enable)
        .add("SELECT", AUTHENTICATED, SelectCommands::select)
        .add("EXAMINE", AUTHENTICATED, SelectCommands::select)
        .add("IDLE", AUTHENTICATED, IdleCommand::idle)
        .<Command.Check>add("CHECK", SELECTED, SessionCommands::noop)
        .add("CLOSE", SELECTED, SelectCommands::close)
        .add("UNSELECT", SELECTED, SelectCommands::unselect)
        .add("EXPUNGE", SELECTED, ExpungeCommands::expunge)
        .add("UID EXPUNGE", SELECTED, ExpungeCommands::uidExpunge)
        .add("FETCH", SELECTED, FetchCommand::fetch)
        .add("UID FETCH", SELECTED, FetchCommand::fetch)
        .add("SEARCH", SELECTED, SearchCommand::search)
        .add("UID SEARCH", SELECTED, SearchCommand::search)
        .add("STORE", SELECTED, StoreCommand::store)
        .add("UID STORE", SELECTED, StoreCommand::store)
        .add("COPY", SELECTED, CopyMoveCommands::copy)
        .add("UID COPY", SELECTED, CopyMoveCommands::copy)
        .add("MOVE", SELECTED, CopyMoveCommands::move)
        .add("UID MOVE", SELECTED, CopyMoveCommands::move)
        .add("APPEND", AUTHENTICATED, AppendCommand::append)
        .add("CREATE", AUTHENTICATED, MailboxCommands::create)
        .add("DELETE", AUTHENTICATED, MailboxCommands::delete)
        .add("RENAME", AUTHENTICATED, MailboxCommands::rename)
        .add("SUBSCRIBE", AUTHENTICATED, MailboxCommands::subscribe)
        .add("UNSUBSCRIBE", AUTHENTICATED, MailboxCommands::unsubscribe)
        .add("LIST", AUTHENTICATED, MailboxCommands::list)
        .add("LSUB", AUTHENTICATED, MailboxCommands::lsub)
        .add("NAMESPACE", AUTHENTICATED, MailboxCommands::namespace)
        .add("STATUS", AUTHENTICATED, MailboxCommands::status);
  }
}
