package org.lemongate.imap.fetch;

/**
 * How much of a message a FETCH or SEARCH needs loaded, cheapest first. Each level includes the
 * ones before it.
 */
public enum MessageData {
  /** The {@code MessageRecord} alone: UID, flags, sizes, dates, MODSEQ. */
  RECORD,
  /** The record and the cached {@code MessageSummary}. */
  SUMMARY,
  /** The record, the summary and the raw message bytes. */
  BODY;

  /** The larger of the two needs. */
  public MessageData and(MessageData other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
