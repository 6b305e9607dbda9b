package org.lemongate.imap.fetch;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.protocol.FetchAttribute;
import org.lemongate.imap.protocol.FetchAttribute.Simple;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.store.MessageRecord;

/**
 * What a FETCH response carries for each message, worked out once per command: the items in the
 * order they are answered, whether the command sets {@code \Seen}, how much of each message must
 * be loaded, and the CHANGEDSINCE filter. The FETCH responses of STORE and the unsolicited ones
 * announcing flag changes are plans too, so one {@link FetchRenderer} writes them all.
 *
 * <p>The parser has already expanded the macros ALL, FAST and FULL. Items the client asked for
 * come first, in its order and without repeats; then the items the protocol adds: UID (RFC 9051
 * §6.4.9), MODSEQ (RFC 7162 §3.1, §3.1.4.1) and FLAGS after an implicit {@code \Seen} (RFC 9051
 * §6.4.5).
 *
 * <p>Immutable.
 */
public final class FetchPlan {

  private final List<FetchAttribute> items;
  private final boolean setsSeen;
  private final MessageData dataNeeded;
  private final Long changedSince;
  private final boolean reportsVanished;

  private FetchPlan(
      Set<FetchAttribute> items, boolean setsSeen, Long changedSince, boolean reportsVanished) {
    this.items = List.copyOf(items);
    this.setsSeen = setsSeen;
    this.changedSince = changedSince;
    this.reportsVanished = reportsVanished;
    MessageData needed = MessageData.RECORD;
    for (FetchAttribute item : this.items) {
      needed = needed.and(dataNeeded(item));
    }
    this.dataNeeded = needed;
  }

  /**
   * The plan of a FETCH or UID FETCH.
   *
   * @param condStoreEnabled  a CONDSTORE enabling command was issued in this session: every FETCH
   *                          response then carries MODSEQ (RFC 7162 §3.1). The session, not this
   *                          plan, records that a FETCH of MODSEQ or with CHANGEDSINCE enables it.
   * @param readOnly          the mailbox was selected read-only (EXAMINE): nothing sets {@code
   *                          \Seen}
   */
  public static FetchPlan forFetch(
      Command.Fetch fetch, boolean condStoreEnabled, boolean readOnly) {
    Set<FetchAttribute> items = new LinkedHashSet<>(fetch.items());
    if (fetch.uid()) {
      items.add(Simple.UID); // RFC 9051 §6.4.9: implied by every UID command
    }
    if (condStoreEnabled || fetch.changedSince() != null) {
      items.add(Simple.MODSEQ); // RFC 7162 §3.1.4.1: CHANGEDSINCE implies MODSEQ
    }
    boolean setsSeen = !readOnly && fetch.items().stream().anyMatch(FetchAttribute::setsSeen);
    if (setsSeen) {
      // RFC 9051 §6.4.5: flags the implicit \Seen changed SHOULD be in the response. Sending them
      // for every message spares the caller tracking which ones changed.
      items.add(Simple.FLAGS);
    }
    return new FetchPlan(items, setsSeen, fetch.changedSince(), fetch.vanished());
  }

  /**
   * The FETCH responses a STORE or UID STORE sends for the messages whose flags it changed (RFC
   * 9051 §6.4.6): FLAGS unless {@code .SILENT}, UID for UID STORE, MODSEQ once CONDSTORE is
   * enabled. A conditional STORE (UNCHANGEDSINCE) always answers with MODSEQ, even when silent
   * (RFC 7162 §3.1.3). A silent unconditional STORE answers nothing: the plan {@link #isEmpty()}.
   */
  public static FetchPlan forStore(Command.Store store, boolean condStoreEnabled) {
    boolean conditional = store.unchangedSince() != null;
    Set<FetchAttribute> items = new LinkedHashSet<>();
    if (!store.silent()) {
      items.add(Simple.FLAGS);
    }
    if (!store.silent() || conditional) {
      if (store.uid()) {
        items.add(Simple.UID);
      }
      if (condStoreEnabled || conditional) {
        items.add(Simple.MODSEQ);
      }
    }
    return new FetchPlan(items, false, null, false);
  }

  /**
   * Unsolicited FETCH responses announcing flags another session changed: FLAGS, UID (RFC 9051
   * §7.5.2 requires it in IMAP4rev2, RFC 7162 §3.2.4 once QRESYNC is enabled, IMAP4rev1 allows
   * it) and MODSEQ once CONDSTORE is enabled (RFC 7162 §3.1).
   */
  public static FetchPlan forFlagChange(boolean condStoreEnabled) {
    Set<FetchAttribute> items = new LinkedHashSet<>(List.of(Simple.FLAGS, Simple.UID));
    if (condStoreEnabled) {
      items.add(Simple.MODSEQ);
    }
    return new FetchPlan(items, false, null, false);
  }

  /** The items of each response, in the order they are written. */
  public List<FetchAttribute> items() {
    return items;
  }

  /** True when there is nothing to send: a {@code .SILENT} STORE. */
  public boolean isEmpty() {
    return items.isEmpty();
  }

  /**
   * True if the fetched messages get {@code \Seen} (RFC 9051 §6.4.5: BODY[...], BINARY[...],
   * RFC822 and RFC822.TEXT without PEEK, in a mailbox selected read-write). The caller adds it in
   * the store before rendering, so the rendered FLAGS and MODSEQ show the new state.
   */
  public boolean setsSeen() {
    return setsSeen;
  }

  /** What must be loaded for each message. */
  public MessageData dataNeeded() {
    return dataNeeded;
  }

  /**
   * False for a message that CHANGEDSINCE leaves out: its MODSEQ is not above the given value
   * (RFC 7162 §3.1.4.1). Apply it to the records as they were before this FETCH set {@code \Seen}.
   */
  public boolean selects(MessageRecord record) {
    return changedSince == null || record.modSeq() > changedSince;
  }

  /**
   * True for UID FETCH with the VANISHED modifier: before any FETCH response, send {@code *
   * VANISHED (EARLIER)} with {@link #vanishedEarlier} of the UIDs expunged since CHANGEDSINCE
   * (RFC 7162 §3.2.6).
   */
  public boolean reportsVanished() {
    return reportsVanished;
  }

  /**
   * The expunged UIDs a VANISHED (EARLIER) response reports: those in the requested UID set.
   *
   * @param requestedUids  the UID FETCH set, with {@code *} resolved
   * @param expungedUids   UIDs expunged since the CHANGEDSINCE mod-sequence
   * @return the UIDs to report; empty if there is no VANISHED response to send
   */
  public static SequenceSet vanishedEarlier(
      SequenceSet requestedUids, Collection<Long> expungedUids) {
    SequenceSet.Builder vanished = SequenceSet.builder();
    for (long uid : expungedUids) {
      if (requestedUids.contains(uid)) {
        vanished.add(uid);
      }
    }
    return vanished.build();
  }

  private static MessageData dataNeeded(FetchAttribute item) {
    if (!(item instanceof Simple simple)) {
      return MessageData.BODY; // BODY[...], BINARY[...] and BINARY.SIZE[...]
    }
    switch (simple) {
      case ENVELOPE:
      case BODY:
      case BODYSTRUCTURE:
        return MessageData.SUMMARY;
      case RFC822:
      case RFC822_HEADER:
      case RFC822_TEXT:
        return MessageData.BODY;
      default:
        return MessageData.RECORD;
    }
  }
}
