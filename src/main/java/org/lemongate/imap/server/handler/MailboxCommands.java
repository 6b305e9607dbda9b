package org.lemongate.imap.server.handler;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.mailbox.ListEntry;
import org.lemongate.imap.mailbox.MailboxLister;
import org.lemongate.imap.mailbox.MailboxPolicy;
import org.lemongate.imap.mailbox.StatusCalculator;
import org.lemongate.imap.mailbox.Verdict;
import org.lemongate.imap.protocol.MailboxNames;
import org.lemongate.imap.protocol.StatusItem;
import org.lemongate.imap.response.ResponseCode;
import org.lemongate.imap.server.Completion;
import org.lemongate.imap.server.ImapSession;
import org.lemongate.imap.server.ImapSession.Extension;
import org.lemongate.store.MailStore;
import org.lemongate.store.MailboxExistsException;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.NoSuchMailboxException;

/**
 * The commands on mailboxes rather than messages: CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE,
 * LIST, LSUB, NAMESPACE and STATUS. The rules live in {@link MailboxPolicy} and {@link MailboxLister};
 * this class reads and writes the store and the responses.
 */
public final class MailboxCommands {
  private MailboxCommands() {
  }

  public static Future<Completion> create(ImapSession session, String tag, Command.Create command) {
    MailStore store = session.store();
    String user = session.user();
    return store.mailboxes(user).compose(mailboxes -> {
      Verdict<MailboxPolicy.CreatePlan> verdict = new MailboxPolicy(mailboxes).create(command.mailbox(),
          command.specialUse());
      if (!verdict.allowed()) {
        return Future.succeededFuture(Completion.no(verdict.code(), verdict.text()));
      }
      MailboxPolicy.CreatePlan plan = verdict.plan();
      return createSuperiors(store, user, plan.superiors())
          .compose(v -> store.createMailbox(user, plan.name(), plan.specialUse()))
          .map(created -> Completion.ok(null));
    }).recover(MailboxCommands::raceLost);
  }

  public static Future<Completion> delete(ImapSession session, String tag, Command.Delete command) {
    return session.store().mailboxes(session.user()).compose(mailboxes -> {
      Verdict<String> verdict = new MailboxPolicy(mailboxes).delete(command.mailbox());
      if (!verdict.allowed()) {
        return Future.succeededFuture(Completion.no(verdict.code(), verdict.text()));
      }
      return session.store().deleteMailbox(session.user(), verdict.plan()).map(v -> Completion.ok(null));
    }).recover(MailboxCommands::raceLost);
  }

  /** RENAME; renaming INBOX moves its messages out, which deletes them on POP like any move out of it. */
  public static Future<Completion> rename(ImapSession session, String tag, Command.Rename command) {
    MailStore store = session.store();
    String user = session.user();
    return store.mailboxes(user).compose(mailboxes -> {
      Verdict<MailboxPolicy.RenamePlan> verdict = new MailboxPolicy(mailboxes).rename(command.from(), command.to());
      if (!verdict.allowed()) {
        return Future.succeededFuture(Completion.no(verdict.code(), verdict.text()));
      }
      MailboxPolicy.RenamePlan plan = verdict.plan();
      return createSuperiors(store, user, plan.superiors())
          .compose(v -> store.renameMailbox(user, plan.from(), plan.to()))
          .map(v -> Completion.ok(null));
    }).recover(MailboxCommands::raceLost);
  }

  private static Future<Void> createSuperiors(MailStore store, String user, List<String> superiors) {
    Future<Void> created = Future.succeededFuture();
    for (String superior : superiors) {
      created = created.compose(v -> store.createMailbox(user, superior, null).<Void>mapEmpty()
          .recover(failure -> failure instanceof MailboxExistsException
              ? Future.succeededFuture() : Future.failedFuture(failure)));
    }
    return created;
  }

  /** Another session changed the mailboxes between our check and our write. */
  private static Future<Completion> raceLost(Throwable failure) {
    if (failure instanceof MailboxExistsException) {
      return Future.succeededFuture(Completion.no(ResponseCode.ALREADYEXISTS, "The mailbox already exists"));
    }
    if (failure instanceof NoSuchMailboxException) {
      return Future.succeededFuture(Completion.no(ResponseCode.NONEXISTENT, "No such mailbox"));
    }
    return Future.failedFuture(failure);
  }

  /** SUBSCRIBE and UNSUBSCRIBE: any name may be subscribed, existing or not (RFC 9051 §6.3.7). */
  public static Future<Completion> subscribe(ImapSession session, String tag, Command.Subscribe command) {
    return session.store().setSubscribed(session.user(), command.mailbox(), true).map(v -> Completion.ok(null));
  }

  public static Future<Completion> unsubscribe(ImapSession session, String tag, Command.Unsubscribe command) {
    return session.store().setSubscribed(session.user(), command.mailbox(), false).map(v -> Completion.ok(null));
  }

  public static Future<Completion> list(ImapSession session, String tag, Command.ListMailboxes command) {
    return lister(session).compose(lister -> writeEntries(session, "LIST",
        lister.list(command, session.isEnabled(Extension.IMAP4REV2)), command.statusItems()));
  }

  public static Future<Completion> lsub(ImapSession session, String tag, Command.Lsub command) {
    return lister(session).compose(lister -> writeEntries(session, "LSUB", lister.lsub(command), Set.of()));
  }

  private static Future<MailboxLister> lister(ImapSession session) {
    MailStore store = session.store();
    return store.mailboxes(session.user()).compose(mailboxes -> store.subscriptions(session.user())
        .map(subscriptions -> new MailboxLister(mailboxes, subscriptions)));
  }

  /** Writes LIST (or LSUB) lines, each followed by its STATUS line when LIST-STATUS asked for one. */
  private static Future<Completion> writeEntries(ImapSession session, String kind, List<ListEntry> entries,
      Set<StatusItem> statusItems) {
    Future<Void> written = Future.succeededFuture();
    for (ListEntry entry : entries) {
      written = written.compose(v -> {
        session.writer().list(kind, entry.attributes(), MailboxNames.DELIMITER, entry.name(), entry.childInfo());
        return entry.needsStatus() ? writeStatus(session, entry.statusMailbox(), statusItems) : Future.succeededFuture();
      });
    }
    return written.map(v -> Completion.ok(null));
  }

  public static Future<Completion> namespace(ImapSession session, String tag, Command.Namespace command) {
    session.writer().namespace(MailboxLister.PERSONAL_NAMESPACE);
    return Future.succeededFuture(Completion.ok(null));
  }

  public static Future<Completion> status(ImapSession session, String tag, Command.Status command) {
    return session.store().mailbox(session.user(), command.mailbox()).compose(mailbox -> mailbox == null
        ? Future.succeededFuture(Completion.no(ResponseCode.NONEXISTENT, "No such mailbox"))
        : writeStatus(session, mailbox, command.items()).map(v -> Completion.ok(null)));
  }

  private static Future<Void> writeStatus(ImapSession session, MailboxRecord mailbox, Set<StatusItem> items) {
    Future<Map<StatusItem, Long>> values = StatusCalculator.needMessages(items)
        ? session.store().snapshot(session.user(), mailbox.id()).map(snapshot -> StatusCalculator.status(snapshot, items))
        : Future.succeededFuture(StatusCalculator.status(mailbox, items));
    return values.map(status -> {
      session.writer().status(mailbox.name(), status);
      return null;
    });
  }
}
