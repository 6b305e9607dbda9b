package org.lemongate.imap.search;

import org.lemongate.imap.protocol.SequenceSet;

/**
 * What a SEARCH needs from the session's view of the selected mailbox to read its keys.
 *
 * @param messageCount  how many messages the session sees: the sequence number {@code *} stands
 *                      for (RFC 9051 §9, seq-number)
 * @param highestUid    the UID of the session's last message, 0 if there is none: the UID {@code
 *                      *} stands for
 * @param savedResult   the search result variable {@code $} as UIDs (RFC 9051 §6.4.4.1, RFC
 *                      5182), so that expunged messages drop out of it by themselves; empty when
 *                      nothing was saved
 */
public record SearchContext(long messageCount, long highestUid, SequenceSet savedResult) {

  public SearchContext {
    if (savedResult.hasStar() || savedResult.isSavedResult()) {
      throw new IllegalArgumentException("the saved result must be a set of UIDs: " + savedResult);
    }
  }
}
