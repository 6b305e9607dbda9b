package org.lemongate.imap.mailbox;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lemongate.imap.protocol.StatusItem;
import org.lemongate.store.Flags;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.MessageRecord;
import org.lemongate.store.StoreResults.MailboxSnapshot;

/**
 * STATUS data items (RFC 9051 §6.3.11, SIZE of RFC 8438, HIGHESTMODSEQ of RFC 7162 §3.1.7), for
 * the STATUS command and for LIST-STATUS.
 *
 * <p>A handler resolves the name with {@code MailStore.mailbox}; when the items {@link
 * #needMessages need the messages} it reads {@code MailStore.snapshot} and calls {@link
 * #status(MailboxSnapshot, Set)}, otherwise {@link #status(MailboxRecord, Set)} spares the read.
 * The result goes to {@code ResponseWriter.status(name, values)}, items in {@link StatusItem}
 * order.
 *
 * <p>RECENT is always 0: Lemongate keeps no {@code \Recent} flag (IMAP4rev2 deprecated it, RFC
 * 9051 Appendix E item 12), and 0 is the true answer for a server that never sets it.
 * HIGHESTMODSEQ is the mailbox's own counter, which the store starts at 1: 0 would tell the
 * client that the mailbox keeps no mod-sequences (RFC 7162 §3.1.7).
 */
public final class StatusCalculator {
  private static final Set<StatusItem> FROM_MAILBOX_RECORD =
      EnumSet.of(
          StatusItem.UIDNEXT, StatusItem.UIDVALIDITY, StatusItem.HIGHESTMODSEQ, StatusItem.RECENT);

  private StatusCalculator() {}

  /** Whether some of {@code items} are counted over the messages. */
  public static boolean needMessages(Set<StatusItem> items) {
    return !FROM_MAILBOX_RECORD.containsAll(items);
  }

  /** The values of {@code items} for the mailbox and messages of {@code snapshot}. */
  public static Map<StatusItem, Long> status(MailboxSnapshot snapshot, Set<StatusItem> items) {
    Map<StatusItem, Long> values = new EnumMap<>(StatusItem.class);
    for (StatusItem item : items) {
      values.put(item, value(item, snapshot));
    }
    return values;
  }

  /**
   * The values of {@code items} that the mailbox record alone gives.
   *
   * @throws IllegalArgumentException if {@link #needMessages(Set)} is true for {@code items}
   */
  public static Map<StatusItem, Long> status(MailboxRecord mailbox, Set<StatusItem> items) {
    if (needMessages(items)) {
      throw new IllegalArgumentException("STATUS " + items + " needs the messages");
    }
    return status(new MailboxSnapshot(mailbox, List.of()), items);
  }

  private static long value(StatusItem item, MailboxSnapshot snapshot) {
    MailboxRecord mailbox = snapshot.mailbox();
    return switch (item) {
      case MESSAGES -> snapshot.messages().size();
      case UIDNEXT -> mailbox.uidNext();
      case UIDVALIDITY -> mailbox.uidValidity();
      case UNSEEN -> snapshot.messages().stream().filter(m -> !m.hasFlag(Flags.SEEN)).count();
      case DELETED -> snapshot.messages().stream().filter(m -> m.hasFlag(Flags.DELETED)).count();
      case SIZE -> snapshot.messages().stream().mapToLong(MessageRecord::size).sum();
      case RECENT -> 0;
      case HIGHESTMODSEQ -> mailbox.highestModSeq();
    };
  }
}
