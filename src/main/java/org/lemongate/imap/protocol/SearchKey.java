package org.lemongate.imap.protocol;

import java.time.LocalDate;
import java.util.List;

/**
 * A SEARCH criterion (RFC 9051 §6.4.4, RFC 3501 §6.4.4 for NEW/OLD/RECENT, RFC 7162 §3.1.5 for
 * MODSEQ) as a tree. Keys that are shorthand for another are desugared while parsing: FROM x is
 * {@code HeaderContains("FROM", x)}, UNSEEN is {@code HasFlag(\Seen, false)}, NEW is RECENT
 * UNSEEN, OLD is NOT RECENT.
 */
public sealed interface SearchKey
    permits SearchKey.All,
        SearchKey.And,
        SearchKey.Or,
        SearchKey.Not,
        SearchKey.HasFlag,
        SearchKey.HeaderContains,
        SearchKey.BodyContains,
        SearchKey.TextContains,
        SearchKey.InternalDate,
        SearchKey.SentDate,
        SearchKey.Size,
        SearchKey.MessageNumbers,
        SearchKey.Uids,
        SearchKey.ModSeq {

  /** Matches every message. */
  record All() implements SearchKey {
    public static final All INSTANCE = new All();
  }

  /** All of the keys match: a list of keys, or a parenthesised group. */
  record And(List<SearchKey> keys) implements SearchKey {
    public And {
      keys = List.copyOf(keys);
    }
  }

  record Or(SearchKey left, SearchKey right) implements SearchKey {}

  record Not(SearchKey key) implements SearchKey {}

  /** The flag (system flag or keyword) is set, or not set when {@code set} is false. */
  record HasFlag(Flag flag, boolean set) implements SearchKey {}

  /** The header field's value contains {@code value}; an empty value matches any such field. */
  record HeaderContains(String field, String value) implements SearchKey {}

  record BodyContains(String value) implements SearchKey {}

  /** Header or body contains the value. */
  record TextContains(String value) implements SearchKey {}

  /** BEFORE, ON, SINCE: the internal date, disregarding time and zone. */
  record InternalDate(DateComparison comparison, LocalDate date) implements SearchKey {}

  /** SENTBEFORE, SENTON, SENTSINCE: the Date header, disregarding time and zone. */
  record SentDate(DateComparison comparison, LocalDate date) implements SearchKey {}

  /** LARGER ({@code larger}) or SMALLER than {@code size} bytes (RFC822.SIZE). */
  record Size(boolean larger, long size) implements SearchKey {}

  /** A sequence set of message sequence numbers. */
  record MessageNumbers(SequenceSet set) implements SearchKey {}

  /** UID sequence-set. */
  record Uids(SequenceSet set) implements SearchKey {}

  /**
   * MODSEQ: the message's mod-sequence is at least {@code modSeq}. {@code flag} and {@code
   * entryType} are the optional metadata entry ({@code "/flags/\Seen" all}), else null.
   */
  record ModSeq(long modSeq, Flag flag, EntryType entryType) implements SearchKey {}

  enum DateComparison {
    BEFORE,
    ON,
    SINCE
  }

  /** RFC 7162 entry-type-req. */
  enum EntryType {
    PRIV,
    SHARED,
    ALL
  }
}
