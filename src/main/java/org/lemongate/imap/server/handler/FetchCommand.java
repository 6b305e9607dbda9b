package org.lemongate.imap.server.handler;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.fetch.FetchChunk;
import org.lemongate.imap.fetch.FetchPlan;
import org.lemongate.imap.fetch.FetchRenderer;
import org.lemongate.imap.fetch.MessageData;
import org.lemongate.imap.fetch.UnknownTransferEncodingException;
import org.lemongate.imap.protocol.FetchAttribute;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.response.ResponseCode;
import org.lemongate.imap.server.Completion;
import org.lemongate.imap.server.ImapSession;
import org.lemongate.imap.server.ImapSession.Extension;
import org.lemongate.imap.server.MailboxView;
import org.lemongate.store.Flags;
import org.lemongate.store.MailStore.LoadedMessage;
import org.lemongate.store.MessageRecord;
import org.lemongate.store.StoreResults.FlagMode;

/**
 * FETCH and UID FETCH, with CONDSTORE's CHANGEDSINCE and QRESYNC's VANISHED modifier. Messages are
 * loaded and answered in batches, and each batch waits for the socket to drain, so a FETCH of a
 * whole mailbox neither piles up in memory nor holds the event loop for long.
 */
public final class FetchCommand {
  /** Messages per store read when only records or summaries are needed. */
  private static final int BATCH = 256;
  /** Messages per store read when bodies are needed. */
  private static final int BODY_BATCH = 16;

  private FetchCommand() {
  }

  public static Future<Completion> fetch(ImapSession session, String tag, Command.Fetch command) {
    MailboxView view = session.view();
    Completion beyond = Messages.beyondLastMessage(session, command.set(), command.uid());
    if (beyond != null) {
      return Future.succeededFuture(beyond);
    }
    if (command.changedSince() != null || command.items().contains(FetchAttribute.Simple.MODSEQ)) {
      session.enable(Extension.CONDSTORE);
    }
    if (command.vanished() && !session.isEnabled(Extension.QRESYNC)) {
      return Future.succeededFuture(Completion.bad("VANISHED needs ENABLE QRESYNC (RFC 7162 §3.2.6)"));
    }
    FetchPlan plan = FetchPlan.forFetch(command, session.isEnabled(Extension.CONDSTORE), view.readOnly());
    FetchRenderer renderer = new FetchRenderer(plan, session.dialect());
    SequenceSet set = command.set().isSavedResult() ? session.savedSearch() : command.set();
    List<Long> uids = Messages.resolve(session, command.set(), command.uid());
    Future<Void> vanished = plan.reportsVanished()
        ? session.store().changesSince(session.user(), view.mailboxId(), command.changedSince()).map(changes -> {
          // "*" stands for the highest UID the mailbox has given, so 1:* covers every expunged UID
          SequenceSet earlier = FetchPlan.vanishedEarlier(set.resolve(view.uidNext() - 1), changes.vanished());
          if (!earlier.isEmpty()) {
            session.writer().vanished(true, earlier);
          }
          return null;
        })
        : Future.succeededFuture();
    int batch = plan.dataNeeded() == MessageData.BODY ? BODY_BATCH : BATCH;
    return vanished.compose(v -> answerFrom(session, view, plan, renderer, uids, 0, batch, command.uid(), false));
  }

  /**
   * Answers the messages from {@code uids[start]} on, one batch at a time. By sequence number, a
   * message another session expunged keeps its number until the expunge may be announced, but its
   * data is gone: the others are answered and the command ends NO [EXPUNGEISSUED] (RFC 2180 §4.1.2,
   * RFC 5530 §3). By UID, a UID that names no message is simply left out.
   */
  private static Future<Completion> answerFrom(ImapSession session, MailboxView view, FetchPlan plan,
      FetchRenderer renderer, List<Long> uids, int start, int batch, boolean byUid, boolean someGone) {
    if (start >= uids.size() || session.isClosed()) {
      return Future.succeededFuture(someGone
          ? Completion.no(ResponseCode.EXPUNGEISSUED, "Some of the messages were expunged by another session")
          : Completion.ok(null));
    }
    List<Long> slice = uids.subList(start, Math.min(uids.size(), start + batch));
    boolean bodies = plan.dataNeeded() == MessageData.BODY;
    return session.store().load(session.user(), view.mailboxId(), slice, plan.dataNeeded() != MessageData.RECORD,
            bodies)
        .compose(loaded -> markSeen(session, view, plan, loaded))
        .compose(loaded -> {
          boolean gone = someGone || (!byUid && loaded.size() < slice.size());
          Future<Void> sent = Future.succeededFuture();
          for (LoadedMessage message : loaded) {
            int number = view.messageNumberOf(message.record().uid());
            if (number == 0 || !plan.selects(message.record())) {
              continue;
            }
            List<FetchChunk> chunks;
            try {
              chunks = renderer.render(session.writer(), number, message.record(), message.summary(), message.raw());
            } catch (UnknownTransferEncodingException e) {
              return sent.map(x -> Completion.no(ResponseCode.UNKNOWN_CTE, e.getMessage()));
            }
            if (!chunks.isEmpty()) {
              sent = sent.compose(x -> session.send(chunks));
            }
          }
          return sent.compose(x -> session.flush())
              .compose(x -> answerFrom(session, view, plan, renderer, uids, start + batch, batch, byUid, gone));
        });
  }

  /**
   * BODY[...] without PEEK sets \Seen (RFC 9051 §6.4.5), in the store, before the answer, so the
   * FLAGS and MODSEQ it shows are the new ones.
   */
  private static Future<List<LoadedMessage>> markSeen(ImapSession session, MailboxView view, FetchPlan plan,
      List<LoadedMessage> loaded) {
    if (!plan.setsSeen()) {
      return Future.succeededFuture(loaded);
    }
    List<Long> unseen = new ArrayList<>();
    for (LoadedMessage message : loaded) {
      if (!message.record().hasFlag(Flags.SEEN) && plan.selects(message.record())) {
        unseen.add(message.record().uid());
      }
    }
    if (unseen.isEmpty()) {
      return Future.succeededFuture(loaded);
    }
    return session.store().storeFlags(session.user(), view.mailboxId(), unseen, FlagMode.ADD, List.of(Flags.SEEN), null)
        .map(stored -> {
          List<LoadedMessage> updated = new ArrayList<>(loaded.size());
          for (LoadedMessage message : loaded) {
            MessageRecord record = message.record();
            for (MessageRecord changed : stored.updated()) {
              if (changed.uid() == record.uid()) {
                record = changed;
                view.reported(changed);
              }
            }
            updated.add(new LoadedMessage(record, message.summary(), message.raw()));
          }
          return updated;
        });
  }
}
