package org.lemongate.store;

import java.util.List;

/** The small result types of {@link MailStore} operations. */
public final class StoreResults {
  private StoreResults() {
  }

  /** A message downloaded from the POP server, ready to be stored in INBOX. */
  public record PopDownload(String uidl, long popSize, byte[] raw) {
  }

  /** A mailbox and all its messages, in UID order, read at one point in time. */
  public record MailboxSnapshot(MailboxRecord mailbox, List<MessageRecord> messages) {
  }

  /**
   * What changed in a mailbox after a MODSEQ: messages added or with new flags (in MODSEQ order),
   * and UIDs expunged. {@code historyLost} is true when expunges that old have been forgotten.
   */
  public record MailboxChanges(MailboxRecord mailbox, List<MessageRecord> changed, List<Long> vanished,
      boolean historyLost) {
  }

  /** Messages whose flags a STORE changed, and UIDs it skipped because of UNCHANGEDSINCE. */
  public record FlagsStored(List<MessageRecord> updated, List<Long> modified) {
  }

  /** UIDs of copied messages in the source and in the target mailbox, pairwise (UIDPLUS COPYUID). */
  public record Copied(long targetUidValidity, List<Long> sourceUids, List<Long> targetUids) {
  }

  /** UIDs expunged, and how many of them became POP deletions. */
  public record Expunged(List<Long> uids, int popDeletions) {
  }

  /** How a flag list is applied by STORE. */
  public enum FlagMode { ADD, REMOVE, REPLACE }
}
