package org.lemongate.imap.server.handler;

import io.vertx.core.Future;
import java.util.List;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.protocol.SearchReturnOption;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.search.SearchContext;
import org.lemongate.imap.search.SearchPlan;
import org.lemongate.imap.search.SearchResult;
import org.lemongate.imap.server.Completion;
import org.lemongate.imap.server.ImapSession;
import org.lemongate.imap.server.ImapSession.Extension;
import org.lemongate.imap.server.MailboxView;
import org.lemongate.store.MessageRecord;

/**
 * SEARCH and UID SEARCH, with ESEARCH's return options and SEARCHRES's {@code $} (RFC 4731,
 * 5182). Matching runs on a store worker: body and text keys read messages.
 */
public final class SearchCommand {
  private SearchCommand() {
  }

  public static Future<Completion> search(ImapSession session, String tag, Command.Search command) {
    MailboxView view = session.view();
    List<Long> uids = view.uids();
    long highestUid = uids.isEmpty() ? 0 : uids.get(uids.size() - 1);
    SearchPlan plan = SearchPlan.compile(command.key(),
        new SearchContext(view.exists(), highestUid, session.savedSearch()));
    if (plan.searchesModSeq()) {
      session.enable(Extension.CONDSTORE);
    }
    // The view's numbering, copied for the worker: message number = index + 1.
    long[] numbering = uids.stream().mapToLong(Long::longValue).toArray();
    boolean saves = command.returnOptions() != null && command.returnOptions().contains(SearchReturnOption.SAVE);
    return session.store().matching(session.user(), view.mailboxId(), uids, (record, summary, raw) ->
            plan.matches(java.util.Arrays.binarySearch(numbering, record.uid()) + 1, record, summary, raw))
        .map(matches -> {
          SearchResult.Builder found = plan.resultBuilder();
          for (MessageRecord record : matches) {
            found.add(view.messageNumberOf(record.uid()), record);
          }
          SearchResult result = found.build();
          result.writeTo(session.writer(), tag, command, session.isEnabled(Extension.IMAP4REV2));
          if (saves) {
            session.saveSearch(result.savedResult(command.returnOptions()));
          }
          return Completion.ok(null);
        })
        .onFailure(failure -> {
          if (saves) {
            session.saveSearch(SequenceSet.of());
          }
        });
  }
}
