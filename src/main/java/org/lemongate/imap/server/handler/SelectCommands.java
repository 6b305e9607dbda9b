package org.lemongate.imap.server.handler;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.response.ResponseCode;
import org.lemongate.imap.response.Status;
import org.lemongate.imap.server.Completion;
import org.lemongate.imap.server.ImapSession;
import org.lemongate.imap.server.ImapSession.Extension;
import org.lemongate.imap.server.MailboxView;
import org.lemongate.store.Flags;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.MessageRecord;
import org.lemongate.store.StoreResults.MailboxChanges;
import org.lemongate.store.StoreResults.MailboxSnapshot;

/** SELECT, EXAMINE (with CONDSTORE and QRESYNC), CLOSE and UNSELECT. */
public final class SelectCommands {
  private SelectCommands() {
  }

  public static Future<Completion> select(ImapSession session, String tag, Command.Select command) {
    if (command.qresync() != null && !session.isEnabled(Extension.QRESYNC)) {
      return Future.succeededFuture(Completion.bad("ENABLE QRESYNC first (RFC 7162 §3.2.5)"));
    }
    if (session.view() != null) {
      session.deselect();
      // RFC 9051 §7.1: the mailbox selected before is closed by this SELECT.
      session.writer().untagged(Status.OK, ResponseCode.CLOSED, "Previous mailbox closed");
    }
    if (command.condStore()) {
      session.enable(Extension.CONDSTORE);
    }
    String user = session.user();
    return session.store().mailbox(user, command.mailbox()).compose(mailbox -> {
      if (mailbox == null) {
        return Future.succeededFuture(Completion.no(ResponseCode.NONEXISTENT, "No such mailbox"));
      }
      return session.store().snapshot(user, mailbox.id()).compose(snapshot -> {
        MailboxView view = new MailboxView(snapshot.mailbox(), snapshot.messages(), command.readOnly());
        writeSelectResponses(session, view, snapshot);
        Future<Void> resync = command.qresync() != null
            && command.qresync().uidValidity() == snapshot.mailbox().uidValidity()
            ? session.store().changesSince(user, mailbox.id(), command.qresync().modSeq())
                .map(changes -> {
                  writeResync(session, view, snapshot, changes, command.qresync().knownUids());
                  return null;
                })
            : Future.succeededFuture();
        return resync.map(v -> {
          session.select(view);
          return Completion.ok(command.readOnly() ? ResponseCode.READ_ONLY : ResponseCode.READ_WRITE,
              (command.readOnly() ? "EXAMINE" : "SELECT") + " completed");
        });
      });
    });
  }

  private static void writeSelectResponses(ImapSession session, MailboxView view, MailboxSnapshot snapshot) {
    MailboxRecord mailbox = snapshot.mailbox();
    session.writeFlags(view);
    session.writer().exists(view.exists());
    if (!session.isEnabled(Extension.IMAP4REV2)) {
      // IMAP4rev1 requires RECENT; Lemongate never marks a message \Recent (IMAP4rev2 dropped it).
      session.writer().recent(0);
      int firstUnseen = firstUnseen(snapshot.messages());
      if (firstUnseen > 0) {
        session.writer().untagged(Status.OK, ResponseCode.unseen(firstUnseen), "First unseen");
      }
    }
    session.writer().untagged(Status.OK, ResponseCode.uidValidity(mailbox.uidValidity()), "UIDs valid");
    session.writer().untagged(Status.OK, ResponseCode.uidNext(mailbox.uidNext()), "Predicted next UID");
    session.writer().untagged(Status.OK, ResponseCode.highestModSeq(mailbox.highestModSeq()), "Highest");
  }

  private static int firstUnseen(List<MessageRecord> messages) {
    for (int i = 0; i < messages.size(); i++) {
      if (!messages.get(i).hasFlag(Flags.SEEN)) {
        return i + 1;
      }
    }
    return 0;
  }

  /**
   * QRESYNC (RFC 7162 §3.2.5.2): the UIDs expunged since the client's MODSEQ as VANISHED (EARLIER),
   * then the messages changed since then. When that much history has been purged, every UID the
   * client may know of that no longer exists is reported instead.
   */
  private static void writeResync(ImapSession session, MailboxView view, MailboxSnapshot snapshot,
      MailboxChanges changes, SequenceSet knownUids) {
    SequenceSet.Builder vanished = SequenceSet.builder();
    if (changes.historyLost()) {
      Set<Long> present = new HashSet<>();
      snapshot.messages().forEach(m -> present.add(m.uid()));
      SequenceSet candidates = knownUids != null
          ? knownUids.resolve(snapshot.mailbox().uidNext())
          : SequenceSet.range(1, Math.max(1, snapshot.mailbox().uidNext() - 1));
      for (int range = 0; range < candidates.rangeCount(); range++) {
        for (long uid = candidates.rangeStart(range); uid <= candidates.rangeEnd(range)
            && uid < snapshot.mailbox().uidNext(); uid++) {
          if (!present.contains(uid)) {
            vanished.add(uid);
          }
        }
      }
    } else {
      for (long uid : changes.vanished()) {
        if (knownUids == null || knownUids.contains(uid)) {
          vanished.add(uid);
        }
      }
    }
    SequenceSet vanishedSet = vanished.build();
    if (!vanishedSet.isEmpty()) {
      session.writer().vanished(true, vanishedSet);
    }
    List<MessageRecord> changed = new ArrayList<>(changes.changed());
    changed.sort((a, b) -> Long.compare(a.uid(), b.uid()));
    for (MessageRecord message : changed) {
      int number = view.messageNumberOf(message.uid());
      if (number > 0 && (knownUids == null || knownUids.contains(message.uid()))) {
        session.writeFlagsFetch(number, message);
        view.reported(message);
      }
    }
  }

  /** CLOSE: expunges silently when the mailbox is writable (RFC 9051 §6.4.1), then deselects. */
  public static Future<Completion> close(ImapSession session, String tag, Command.Close command) {
    MailboxView view = session.view();
    session.deselect();
    if (view.readOnly()) {
      return Future.succeededFuture(Completion.ok(null));
    }
    return ExpungeCommands.expungeDeleted(session, view, null).map(expunged -> Completion.ok(null));
  }

  public static Future<Completion> unselect(ImapSession session, String tag, Command.Unselect command) {
    session.deselect();
    return Future.succeededFuture(Completion.ok(null));
  }
}
