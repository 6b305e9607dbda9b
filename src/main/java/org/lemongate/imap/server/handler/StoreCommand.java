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
import org.lemongate.store.MessageRecord;
import org.lemongate.store.StoreResults.FlagMode;

/** STORE and UID STORE, with .SILENT and CONDSTORE's UNCHANGEDSINCE (RFC 7162 §3.1.3). */
public final class StoreCommand {
  private StoreCommand() {
  }

  public static Future<Completion> store(ImapSession session, String tag, Command.Store command) {
    MailboxView view = session.view();
    if (view.readOnly()) {
      return Future.succeededFuture(Completion.no(ResponseCode.READ_ONLY, "The mailbox is read-only"));
    }
    if (command.unchangedSince() != null) {
      session.enable(Extension.CONDSTORE);
    }
    List<Long> uids = view.resolve(Messages.resolveSaved(session, command.set()), command.uid());
    FlagMode mode = switch (command.mode()) {
      case ADD -> FlagMode.ADD;
      case REMOVE -> FlagMode.REMOVE;
      case REPLACE -> FlagMode.REPLACE;
    };
    return session.store().storeFlags(session.user(), view.mailboxId(), uids, mode,
        WireFlags.toStore(command.flags()), command.unchangedSince()).map(stored -> {
          for (MessageRecord message : stored.updated()) {
            view.reported(message);
            writeUpdate(session, view.messageNumberOf(message.uid()), message, command);
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

  /**
   * The FETCH that reports a changed message: FLAGS unless .SILENT; with CONDSTORE also its new
   * MODSEQ, even when silent (RFC 7162 §3.1.3); UID for UID STORE.
   */
  private static void writeUpdate(ImapSession session, int number, MessageRecord message, Command.Store command) {
    boolean condStore = session.isEnabled(Extension.CONDSTORE);
    if (command.silent() && !condStore) {
      return;
    }
    session.writer().startFetch(number);
    if (!command.silent()) {
      session.writer().fetchFlags(WireFlags.toWire(message.flags()));
    }
    if (command.uid()) {
      session.writer().fetchUid(message.uid());
    }
    if (condStore) {
      session.writer().fetchModSeq(message.modSeq());
    }
    session.writer().endFetch();
  }
}
