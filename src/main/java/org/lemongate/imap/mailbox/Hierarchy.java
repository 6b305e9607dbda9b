package org.lemongate.imap.mailbox;

import static org.lemongate.imap.protocol.MailboxNames.DELIMITER;
import static org.lemongate.imap.protocol.MailboxNames.INBOX;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How internal mailbox names ('/' between levels, "INBOX" in capitals) nest. */
final class Hierarchy {
  /**
   * The order LIST answers in: INBOX and what is below it first, then the rest, each name
   * followed by the names below it ('/' sorts before every other character).
   */
  static final Comparator<String> LISTING_ORDER = Hierarchy::compareForListing;

  private Hierarchy() {}

  /** The names above {@code name}, outermost first: "a/b/c" has "a" and "a/b". */
  static List<String> superiors(String name) {
    List<String> superiors = new ArrayList<>();
    for (int i = name.indexOf(DELIMITER); i >= 0; i = name.indexOf(DELIMITER, i + 1)) {
      superiors.add(name.substring(0, i));
    }
    return superiors;
  }

  /** Whether {@code name} is somewhere below {@code superior}. */
  static boolean isBelow(String name, String superior) {
    return name.length() > superior.length() + 1
        && name.charAt(superior.length()) == DELIMITER
        && name.startsWith(superior);
  }

  /** The number of hierarchy levels: 1 for "a", 3 for "a/b/c". */
  static int depth(String name) {
    return superiors(name).size() + 1;
  }

  static boolean isInboxOrBelow(String name) {
    return name.equals(INBOX) || isBelow(name, INBOX);
  }

  private static int compareForListing(String a, String b) {
    boolean aInbox = isInboxOrBelow(a);
    if (aInbox != isInboxOrBelow(b)) {
      return aInbox ? -1 : 1;
    }
    int common = Math.min(a.length(), b.length());
    for (int i = 0; i < common; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return x == DELIMITER ? -1 : y == DELIMITER ? 1 : Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
