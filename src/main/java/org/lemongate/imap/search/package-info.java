/**
 * The SEARCH engine: a search key tree compiled into a matcher, and the answer made of its
 * matches. Pure code, no I/O; matching may read message bodies, so run it on a worker thread.
 *
 * <p><b>A SEARCH handler</b>, in order:
 *
 * <ol>
 *   <li>{@code plan = SearchPlan.compile(search.key(), new SearchContext(messageCount,
 *       highestUid, savedUids))}; the session records that a MODSEQ key enables CONDSTORE ({@code
 *       plan.searchesModSeq()}).
 *   <li>{@code found = plan.resultBuilder()}; for each message of the session's view in
 *       sequence-number order whose record the store still has: {@code if (plan.matches(msn,
 *       record, loadSummary, loadBody)) found.add(msn, record)}. The loaders run at most once per
 *       message and only when a key needs them; {@code plan.dataNeeded()} tells what to prefetch.
 *   <li>{@code result = found.build()}; {@code result.writeTo(out, tag, search, imap4rev2)}.
 *   <li>With SAVE among the return options, set {@code $} to {@code
 *       result.savedResult(search.returnOptions())} (UIDs); if the command fails, to the empty
 *       set (RFC 9051 §6.4.4.1).
 * </ol>
 */
package org.lemongate.imap.search;
