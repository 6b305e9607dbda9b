package org.lemongate.imap.server.handler;

import io.vertx.core.Future;
import java.util.List;
import org.lemongate.events.Addresses;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.response.ResponseCode;
import org.lemongate.imap.response.Status;
import org.lemongate.imap.server.Completion;
import org.lemongate.imap.server.ImapSession;
import org.lemongate.imap.server.MailboxView;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.StoreResults.Copied;

/** COPY and MOVE (RFC 6851), with their UID forms and UIDPLUS's COPYUID (RFC 4315). */
public final class CopyMoveCommands {
  private CopyMoveCommands() {
  }

  public static Future<Completion> copy(ImapSession session, String tag, Command.Copy command) {
    MailboxView view = session.view();
    Completion beyond = Messages.beyondLastMessage(session, command.set(), command.uid());
    if (beyond != null) {
      return Future.succeededFuture(beyond);
    }
    List<Long> uids = Messages.resolve(session, command.set(), command.uid());
    return target(session, command.mailbox()).compose(target -> target == null
        ? Future.succeededFuture(noTarget())
        : session.store().copy(session.user(), view.mailboxId(), uids, target.id())
            .map(copied -> Completion.ok(copyUid(copied), "COPY completed")));
  }

  /**
   * MOVE: the copy and the expunge are one store write, so nothing can be lost in between. Out of
   * INBOX it makes POP deletions, and the sync that carries them out is requested at once.
   */
  public static Future<Completion> move(ImapSession session, String tag, Command.Move command) {
    MailboxView view = session.view();
    Completion beyond = Messages.beyondLastMessage(session, command.set(), command.uid());
    if (beyond != null) {
      return Future.succeededFuture(beyond);
    }
    if (view.readOnly()) {
      return Future.succeededFuture(Completion.no(ResponseCode.READ_ONLY, "The mailbox is read-only"));
    }
    List<Long> uids = Messages.resolve(session, command.set(), command.uid());
    return target(session, command.mailbox()).compose(target -> {
      if (target == null) {
        return Future.succeededFuture(noTarget());
      }
      return session.store().move(session.user(), view.mailboxId(), uids, target.id()).map(moved -> {
        ResponseCode copyUid = copyUid(moved);
        if (copyUid != null) {
          // RFC 6851 §4.3: COPYUID goes in an untagged OK before the expunges.
          session.writer().untagged(Status.OK, copyUid, "Moved");
        }
        session.writeExpunges(view.expunged(moved.sourceUids()), moved.sourceUids());
        if (view.mailbox().isInbox() && !moved.sourceUids().isEmpty()) {
          session.context().vertx().eventBus().request(Addresses.POP_SYNC, session.user());
        }
        return Completion.ok("MOVE completed");
      });
    });
  }

  private static Future<MailboxRecord> target(ImapSession session, String name) {
    return session.store().mailbox(session.user(), name);
  }

  private static Completion noTarget() {
    return Completion.no(ResponseCode.TRYCREATE, "The target mailbox does not exist");
  }

  private static ResponseCode copyUid(Copied copied) {
    if (copied.sourceUids().isEmpty()) {
      return null;
    }
    return ResponseCode.copyUid(copied.targetUidValidity(), set(copied.sourceUids()), set(copied.targetUids()));
  }

  private static SequenceSet set(List<Long> values) {
    SequenceSet.Builder builder = SequenceSet.builder();
    values.forEach(builder::add);
    return builder.build();
  }
}
