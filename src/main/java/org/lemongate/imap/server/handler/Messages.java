package org.lemongate.imap.server.handler;

import java.util.List;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.server.Completion;
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

  /**
   * The BAD answer to a set of message sequence numbers that goes beyond the last message the
   * client knows, {@code *} in an empty mailbox included (RFC 9051 §9, seq-number: no compliant
   * client can name such a message); null when the set is fine. UIDs and {@code $} are never
   * out of range: UIDs that name no message are simply ignored.
   */
  static Completion beyondLastMessage(ImapSession session, SequenceSet set, boolean byUid) {
    if (byUid || set.isSavedResult()) {
      return null;
    }
    int exists = session.view().exists();
    if (exists > 0 && set.resolve(exists).max() <= exists) {
      return null;
    }
    return Completion.bad("No message " + (exists == 0 ? "in the mailbox" : "numbered above " + exists)
        + ": " + set);
  }
}
