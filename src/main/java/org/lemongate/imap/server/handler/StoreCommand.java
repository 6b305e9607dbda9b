package org.lemongate.imap.server.handler;

import io.vertx.core.Future;
import java.util.List;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.response.ResponseCode;
import org.lemongate.imap.server.Completion;
import org.lemongate.imap.server.ImapSession;
import org.lemongate.imap.server.ImapSession.Extension;
import org.lemongate.imap.server.MailboxView;
import org.lemongate.imap.server.WireFlags;
import org.lemongate.imap.fetch.FetchPlan;
import org.lemongate.store.MessageRecord;
import org.lemongate.store.StoreResults.FlagMode;

/** STORE and UID STORE, with .SILENT and CONDSTORE's UNCHANGEDSINCE (RFC 7162 §3.1.3). */
public final class StoreCommand {
  private StoreCommand() {
  }

  public static Future<Completion> store(ImapSession session, String tag, Command.Store command) {
    MailboxView view = session.view();
    Completion beyond = Messages.beyondLastMessage(session, command.set(), command.uid());
    if (beyond != null) {
      return Future.succeededFuture(beyond);
    }
    if (view.readOnly()) {
      return Future.succeededFuture(Completion.no(ResponseCode.READ_ONLY, "The mailbox is read-only"));
    }
    if (command.unchangedSince() != null) {
      session.enable(Extension.CONDSTORE);
    }
    List<Long> uids = Messages.resolve(session, command.set(), command.uid());
    FlagMode mode = switch (command.mode()) {
      case ADD -> FlagMode.ADD;
      case REMOVE -> FlagMode.REMOVE;
      case REPLACE -> FlagMode.REPLACE;
    };
    return session.store().storeFlags(session.user(), view.mailboxId(), uids, mode,
        WireFlags.toStore(command.flags()), command.unchangedSince()).map(stored -> {
          FetchPlan plan = FetchPlan.forStore(command, session.isEnabled(Extension.CONDSTORE));
          for (MessageRecord message : stored.updated()) {
            view.reported(message);
            if (!plan.isEmpty()) {
              session.writeFlagsFetch(view.messageNumberOf(message.uid()), message, plan);
            }
          }
          if (stored.modified().isEmpty()) {
            return Completion.ok(null);
          }
          SequenceSet.Builder modified = SequenceSet.builder();
          for (long uid : stored.modified()) {
            modified.add(command.uid() ? uid : view.messageNumberOf(uid));
          }
          return Completion.ok(ResponseCode.modified(modified.build()), "Conditional STORE failed for some");
        });
  }

}
