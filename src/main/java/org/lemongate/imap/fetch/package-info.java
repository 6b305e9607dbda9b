/**
 * The FETCH engine: what a FETCH, UID FETCH or STORE answers for each message, written through
 * the session's {@link org.lemongate.imap.response.ResponseWriter}. Pure code, no I/O.
 *
 * <p><b>A FETCH handler</b>, in order:
 *
 * <ol>
 *   <li>{@code plan = FetchPlan.forFetch(fetch, condStoreEnabled, readOnly)} and {@code renderer
 *       = new FetchRenderer(plan, dialect)}.
 *   <li>Resolve the set ({@code *}, {@code $}) to the session's messages and load their records.
 *   <li>If {@code plan.reportsVanished()}: first send {@code out.vanished(true,
 *       FetchPlan.vanishedEarlier(uids, expungedSinceChangedSince))} unless it is empty (RFC 7162
 *       §3.2.6).
 *   <li>Keep the records {@code plan.selects(record)} (CHANGEDSINCE).
 *   <li>If {@code plan.setsSeen()}: add {@code \Seen} in the store to those lacking it and use
 *       the updated records, so FLAGS and MODSEQ show the new state. FLAGS is then in the plan.
 *   <li>For each message in sequence-number order: load what {@code plan.dataNeeded()} says
 *       (record; summary; summary and raw bytes), call {@code renderer.render(out, msn, record,
 *       summary, raw)}, send the returned {@link org.lemongate.imap.fetch.FetchChunk}s in order
 *       before anything else the writer holds, and wait for the socket to drain when its write
 *       queue is full before the next message.
 *   <li>On {@link org.lemongate.imap.fetch.UnknownTransferEncodingException} stop and answer
 *       {@code NO [UNKNOWN-CTE]}: the responses already sent stand, nothing of that message was
 *       written; {@code \Seen} set in step 5 stays, as with any server that sets it per message.
 * </ol>
 *
 * <p><b>A STORE handler</b> renders the records the store updated with {@code
 * FetchPlan.forStore(store, condStoreEnabled)} (nothing if {@code isEmpty()}), passing null for
 * summary and body; <b>unsolicited flag updates</b> use {@code FetchPlan.forFlagChange}.
 *
 * <p>INTERNALDATE is shown in UTC ({@link org.lemongate.imap.fetch.InternalDates}).
 */
package org.lemongate.imap.fetch;
