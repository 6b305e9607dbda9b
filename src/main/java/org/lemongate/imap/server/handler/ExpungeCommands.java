package org.lemongate.imap.server.handler;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.lemongate.events.Addresses;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.response.ResponseCode;
import org.lemongate.imap.server.Completion;
import org.lemongate.imap.server.ImapSession;
import org.lemongate.imap.server.ImapSession.Extension;
import org.lemongate.imap.server.MailboxView;
import org.lemongate.store.Flags;
import org.lemongate.store.MessageRecord;
import org.lemongate.store.StoreResults.Expunged;

/** EXPUNGE and UID EXPUNGE (RFC 4315): remove the messages marked \Deleted. */
public final class ExpungeCommands {
  private ExpungeCommands() {
  }

  public static Future<Completion> expunge(ImapSession session, String tag, Command.Expunge command) {
    return announced(session, null);
  }

  public static Future<Completion> uidExpunge(ImapSession session, String tag, Command.UidExpunge command) {
    return announced(session, command.uids());
  }

  private static Future<Completion> announced(ImapSession session, SequenceSet uids) {
    MailboxView view = session.view();
    if (view.readOnly()) {
      return Future.succeededFuture(Completion.no(ResponseCode.READ_ONLY, "The mailbox is read-only"));
    }
    return expungeDeleted(session, view, uids).compose(expunged -> {
      session.writeExpunges(view.expunged(expunged.uids()), expunged.uids());
      if (expunged.uids().isEmpty() || !session.isEnabled(Extension.QRESYNC)) {
        return Future.succeededFuture(Completion.ok(null));
      }
      // RFC 7162 §3.2.7, §3.2.9: with QRESYNC, an expunge ends with the new HIGHESTMODSEQ; the
      // refresh first tells the client of every other change up to it.
      return session.refreshView(true)
          .map(v -> Completion.ok(ResponseCode.highestModSeq(view.modSeq()), null));
    });
  }

  /**
   * Expunges the messages of the view that are marked \Deleted (and, if {@code uids} is given,
   * named by it). A message of INBOX that mirrors a POP message becomes a POP deletion, and the
   * sync that carries it out is requested at once.
   */
  static Future<Expunged> expungeDeleted(ImapSession session, MailboxView view, SequenceSet uids) {
    String user = session.user();
    return session.store().snapshot(user, view.mailboxId()).compose(snapshot -> {
      SequenceSet resolvedUids = uids == null || snapshot.messages().isEmpty() ? uids
          : uids.resolve(snapshot.messages().get(snapshot.messages().size() - 1).uid());
      List<Long> doomed = new ArrayList<>();
      for (MessageRecord message : snapshot.messages()) {
        if (message.hasFlag(Flags.DELETED) && view.messageNumberOf(message.uid()) > 0
            && (resolvedUids == null || resolvedUids.contains(message.uid()))) {
          doomed.add(message.uid());
        }
      }
      return doomed.isEmpty()
          ? Future.succeededFuture(new Expunged(List.of(), 0))
          : session.store().expunge(user, view.mailboxId(), doomed);
    }).onSuccess(expunged -> {
      if (expunged.popDeletions() > 0) {
        session.context().vertx().eventBus().request(Addresses.POP_SYNC, user);
      }
    });
  }
}
