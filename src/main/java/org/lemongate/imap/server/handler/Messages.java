package org.lemongate.imap.server.handler;

import java.util.List;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.server.ImapSession;

/** Helpers shared by the commands that take a set of messages. */
final class Messages {
  private Messages() {
  }

  /**
   * The UIDs of the selected mailbox a command's set names: sequence numbers or UIDs, or {@code $},
   * the result saved by SEARCH RETURN (SAVE) (RFC 5182), which is kept as UIDs.
   */
  static List<Long> resolve(ImapSession session, SequenceSet set, boolean byUid) {
    return set.isSavedResult()
        ? session.view().resolve(session.savedSearch(), true)
        : session.view().resolve(set, byUid);
  }
}
