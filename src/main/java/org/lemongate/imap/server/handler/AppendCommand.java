package org.lemongate.imap.server.handler;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.response.ResponseCode;
import org.lemongate.imap.server.Completion;
import org.lemongate.imap.server.ImapSession;
import org.lemongate.imap.server.MailboxView;
import org.lemongate.imap.server.WireFlags;

/** APPEND, with flags, an internal date and UIDPLUS's APPENDUID (RFC 4315). */
public final class AppendCommand {
  private AppendCommand() {
  }

  public static Future<Completion> append(ImapSession session, String tag, Command.Append command) {
    if (!(command.data() instanceof Command.MessageData data)) {
      return Future.succeededFuture(Completion.no(ResponseCode.CANNOT, "CATENATE is not supported yet"));
    }
    Buffer message = data.message().streamed() ? session.takeStreamedLiteral() : data.message().data();
    if (message == null || message.length() == 0) {
      return Future.succeededFuture(Completion.no(ResponseCode.CANNOT, "An empty message cannot be appended"));
    }
    long internalDate = command.internalDate() == null
        ? System.currentTimeMillis() : command.internalDate().toInstant().toEpochMilli();
    return session.store().mailbox(session.user(), command.mailbox()).compose(mailbox -> {
      if (mailbox == null) {
        return Future.succeededFuture(Completion.no(ResponseCode.TRYCREATE, "The mailbox does not exist"));
      }
      return session.store().append(session.user(), mailbox.id(), message.getBytes(),
              WireFlags.toStore(command.flags()), internalDate)
          .compose(appended -> announcedIfSelected(session, mailbox.id())
              .map(v -> Completion.ok(ResponseCode.appendUid(mailbox.uidValidity(), appended.uid()),
                  "APPEND completed")));
    });
  }

  /**
   * RFC 9051 §6.3.12: appending to the selected mailbox SHOULD tell the client at once with EXISTS.
   * The store's change event may come after the command ends, so the view is brought up to date now.
   */
  private static Future<Void> announcedIfSelected(ImapSession session, long mailboxId) {
    MailboxView view = session.view();
    return view != null && view.mailboxId() == mailboxId ? session.refreshView(true) : Future.succeededFuture();
  }
}
