package org.lemongate.imap.server;

import java.util.LinkedHashMap;
import java.util.Map;

/** The special-use mailboxes (RFC 6154) every user gets at first login, by name. */
final class SpecialUse {
  static final Map<String, String> DEFAULT_MAILBOXES;

  static {
    Map<String, String> mailboxes = new LinkedHashMap<>();
    mailboxes.put("Sent", "\\Sent");
    mailboxes.put("Drafts", "\\Drafts");
    mailboxes.put("Trash", "\\Trash");
    mailboxes.put("Junk", "\\Junk");
    mailboxes.put("Archive", "\\Archive");
    DEFAULT_MAILBOXES = Map.copyOf(mailboxes);
  }

  private SpecialUse() {
  }
}
