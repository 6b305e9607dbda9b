package org.lemongate.imap.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.MessageRecord;
import org.lemongate.store.StoreResults.MailboxChanges;

/**
 * The selected mailbox as one session's client knows it: the UIDs it has been told about, in
 * order (message sequence number = index + 1), and the MODSEQ up to which it has heard of changes.
 *
 * <p>It changes only through {@link #apply}, with what the store says changed since {@link
 * #modSeq()}: the one code path for NOOP, IDLE, the end of every command and QRESYNC. Expunges that
 * may not be announced yet (during FETCH, STORE or SEARCH by sequence number, RFC 9051 §7.5.1) stay
 * in the numbering until a later {@code apply} may announce them. Not thread-safe: it belongs to
 * its session's event loop.
 */
public final class MailboxView {
  private final MailboxRecord mailbox;
  private final boolean readOnly;
  private long[] uids;
  private int count;
  private long modSeq;
  private long uidNext;
  /** UIDs the store has expunged but the client has not been told about yet. */
  private final TreeSet<Long> expungedUnannounced = new TreeSet<>();
  /** MODSEQ of changes this session reported itself (e.g. a STORE), so they are not reported twice. */
  private final Map<Long, Long> alreadyReported = new HashMap<>();
  private final TreeSet<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  public MailboxView(MailboxRecord mailbox, List<MessageRecord> messages, boolean readOnly) {
    this.mailbox = mailbox;
    this.readOnly = readOnly;
    this.uids = new long[Math.max(16, messages.size() + 16)];
    for (MessageRecord message : messages) {
      uids[count++] = message.uid();
      noteKeywords(message);
    }
    this.modSeq = mailbox.highestModSeq();
    this.uidNext = mailbox.uidNext();
  }

  public MailboxRecord mailbox() {
    return mailbox;
  }

  public long mailboxId() {
    return mailbox.id();
  }

  public boolean readOnly() {
    return readOnly;
  }

  /** Number of messages the client knows (the last EXISTS it was sent). */
  public int exists() {
    return count;
  }

  public long modSeq() {
    return modSeq;
  }

  public long uidNext() {
    return uidNext;
  }

  /** The UID of a message sequence number (1-based). */
  public long uidAt(int messageNumber) {
    return uids[messageNumber - 1];
  }

  /** The message sequence number of a UID, or 0 if the client does not know that UID. */
  public int messageNumberOf(long uid) {
    int index = Arrays.binarySearch(uids, 0, count, uid);
    return index < 0 ? 0 : index + 1;
  }

  /** Keywords used in the mailbox, for the FLAGS response. */
  public List<String> keywords() {
    return new ArrayList<>(keywords);
  }

  /**
   * The UIDs a sequence set names: message numbers when {@code byUid} is false ({@code *} is the
   * last message), UIDs otherwise ({@code *} is the largest UID, and a range with it always
   * includes that message, RFC 9051 §6.4.8). Only UIDs the client knows; in ascending order.
   */
  public List<Long> resolve(SequenceSet set, boolean byUid) {
    List<Long> result = new ArrayList<>();
    if (count == 0) {
      return result;
    }
    SequenceSet resolved = set.resolve(byUid ? uids[count - 1] : count);
    for (int i = 0; i < count; i++) {
      if (resolved.contains(byUid ? uids[i] : i + 1)) {
        result.add(uids[i]);
      }
    }
    return result;
  }

  /** Every UID the client knows, in order. */
  public List<Long> uids() {
    List<Long> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      all.add(uids[i]);
    }
    return all;
  }

  /** True while expunges are held back that a command allowed to announce them must still report. */
  public boolean hasUnannouncedExpunges() {
    return !expungedUnannounced.isEmpty();
  }

  /** Records that this session itself reported a message's state at a MODSEQ. */
  public void reported(MessageRecord message) {
    alreadyReported.merge(message.uid(), message.modSeq(), Math::max);
    noteKeywords(message);
  }

  /** What {@link #apply} found for the client. */
  public record Update(List<Long> expungedNumbers, List<Long> expungedUids, int arrived, int exists,
      List<MessageRecord> changed, boolean newKeywords) {
  }

  /**
   * Takes in the store's changes since {@link #modSeq()}. New messages extend the numbering, changed
   * ones are returned for a FETCH response, expunged ones are removed and returned — with the
   * message number each had when announced, in announcement order — when {@code mayExpunge};
   * otherwise they wait for a later call.
   */
  public Update apply(MailboxChanges changes, boolean mayExpunge) {
    for (long uid : changes.vanished()) {
      if (messageNumberOf(uid) > 0) {
        expungedUnannounced.add(uid);
      }
    }
    boolean newKeywords = false;
    long lastKnownUid = count == 0 ? 0 : uids[count - 1];
    List<Long> arrived = new ArrayList<>();
    List<MessageRecord> changed = new ArrayList<>();
    for (MessageRecord message : changes.changed()) {
      if (message.uid() > lastKnownUid) {
        arrived.add(message.uid());
        newKeywords |= noteKeywords(message);
      } else if (messageNumberOf(message.uid()) > 0 && !expungedUnannounced.contains(message.uid())) {
        Long reported = alreadyReported.get(message.uid());
        if (reported == null || reported < message.modSeq()) {
          changed.add(message);
          newKeywords |= noteKeywords(message);
        }
      }
    }
    arrived.sort(null);
    arrived.forEach(this::append);
    List<Long> expungedNumbers = new ArrayList<>();
    List<Long> expungedUids = new ArrayList<>();
    if (mayExpunge) {
      for (long uid : expungedUnannounced) {
        int number = messageNumberOf(uid);
        if (number > 0) {
          expungedNumbers.add((long) number);
          expungedUids.add(uid);
          remove(number);
        }
      }
      expungedUnannounced.clear();
    }
    changed.sort((a, b) -> Long.compare(a.uid(), b.uid()));
    alreadyReported.clear();
    modSeq = Math.max(modSeq, changes.mailbox().highestModSeq());
    uidNext = Math.max(uidNext, changes.mailbox().uidNext());
    return new Update(expungedNumbers, expungedUids, arrived.size(), count, changed, newKeywords);
  }

  /** Removes messages this session expunged itself and announces; returns their numbers in order. */
  public List<Long> expunged(List<Long> expungedUids) {
    List<Long> numbers = new ArrayList<>();
    for (long uid : expungedUids) {
      int number = messageNumberOf(uid);
      if (number > 0) {
        numbers.add((long) number);
        remove(number);
      }
      expungedUnannounced.remove(uid);
    }
    return numbers;
  }

  private void append(long uid) {
    if (count == uids.length) {
      uids = Arrays.copyOf(uids, uids.length * 2);
    }
    uids[count++] = uid;
  }

  private void remove(int messageNumber) {
    System.arraycopy(uids, messageNumber, uids, messageNumber - 1, count - messageNumber);
    count--;
  }

  private boolean noteKeywords(MessageRecord message) {
    boolean added = false;
    for (String flag : message.flags()) {
      if (!flag.startsWith("\\")) {
        added |= keywords.add(flag);
      }
    }
    return added;
  }
}
