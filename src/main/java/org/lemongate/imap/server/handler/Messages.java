package org.lemongate.imap.server.handler;

import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.server.ImapSession;

/** Helpers shared by the commands that take a set of messages. */
final class Messages {
  private Messages() {
  }

  /** {@code $} stands for the result saved by SEARCH RETURN (SAVE) (RFC 5182); other sets pass as they are. */
  static SequenceSet resolveSaved(ImapSession session, SequenceSet set) {
    return set.isSavedResult() ? session.savedSearch() : set;
  }
}
