package org.lemongate.imap.mailbox;

import java.util.List;
import org.lemongate.store.MailboxRecord;

/**
 * One line of a LIST or LSUB answer, for {@code ResponseWriter.list}: {@code * LIST (attributes)
 * "/" name (CHILDINFO (childInfo))}.
 *
 * @param name           the internal name ({@code ResponseWriter} encodes it for the session)
 * @param attributes     name attributes such as {@code \HasChildren} or {@code \Sent}
 * @param childInfo      the CHILDINFO extended data (RFC 5258 §3.5), empty when there is none
 * @param statusMailbox  for LIST-STATUS (RFC 5819 §2): the mailbox whose {@code * STATUS} must
 *                       follow this line, or null when none follows
 */
public record ListEntry(
    String name, List<String> attributes, List<String> childInfo, MailboxRecord statusMailbox) {

  public ListEntry {
    attributes = List.copyOf(attributes);
    childInfo = List.copyOf(childInfo);
  }

  public boolean needsStatus() {
    return statusMailbox != null;
  }
}
