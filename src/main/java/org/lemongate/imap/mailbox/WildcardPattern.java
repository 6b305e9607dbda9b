package org.lemongate.imap.mailbox;

import static org.lemongate.imap.protocol.MailboxNames.DELIMITER;
import static org.lemongate.imap.protocol.MailboxNames.INBOX;

import java.util.Arrays;

/**
 * A canonical LIST pattern (RFC 9051 §6.3.9): {@code *} matches any characters, {@code %} any
 * characters but the hierarchy delimiter, everything else itself. Matching is case-sensitive,
 * except that the five letters of INBOX match in any case (RFC 9051 §5.1: INBOX is
 * case-insensitive), so "inbox", "Inbox/%" and "inb*" all find INBOX.
 *
 * <p>Matching runs the pattern as a set of states over the name, in time proportional to name
 * length times pattern length, so no pattern can make it backtrack exponentially.
 */
final class WildcardPattern {
  private static final char ANY = '*';
  private static final char ANY_BUT_DELIMITER = '%';

  /** The pattern with each run of wildcards collapsed into one: "%*" is "*", "%%" is "%". */
  private final char[] pattern;
  /** Characters that must each match one character of the name: a quick lower bound on length. */
  private final int literals;

  WildcardPattern(String pattern) {
    StringBuilder collapsed = new StringBuilder(pattern.length());
    int literalCount = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      int last = collapsed.length() - 1;
      if (isWildcard(c) && last >= 0 && isWildcard(collapsed.charAt(last))) {
        if (c == ANY) {
          collapsed.setCharAt(last, ANY);
        }
      } else {
        collapsed.append(c);
        literalCount += isWildcard(c) ? 0 : 1;
      }
    }
    this.pattern = collapsed.toString().toCharArray();
    this.literals = literalCount;
  }

  boolean matches(String name) {
    if (name.length() < literals) {
      return false;
    }
    int caseInsensitiveUpTo = Hierarchy.isInboxOrBelow(name) ? INBOX.length() : 0;
    // active[i]: the first i pattern characters can match the name read so far
    boolean[] active = new boolean[pattern.length + 1];
    boolean[] next = new boolean[pattern.length + 1];
    active[0] = true;
    skipWildcards(active);
    for (int n = 0; n < name.length(); n++) {
      char c = name.charAt(n);
      boolean any = false;
      Arrays.fill(next, false);
      for (int i = 0; i < pattern.length; i++) {
        if (!active[i]) {
          continue;
        }
        char p = pattern[i];
        if (p == ANY || (p == ANY_BUT_DELIMITER && c != DELIMITER)) {
          next[i] = true;
          any = true;
        } else if (!isWildcard(p) && sameCharacter(p, c, n < caseInsensitiveUpTo)) {
          next[i + 1] = true;
          any = true;
        }
      }
      if (!any) {
        return false;
      }
      skipWildcards(next);
      boolean[] swap = active;
      active = next;
      next = swap;
    }
    return active[pattern.length];
  }

  /** A wildcard may match nothing: a state before one is also a state after it. */
  private void skipWildcards(boolean[] states) {
    for (int i = 0; i < pattern.length; i++) {
      if (states[i] && isWildcard(pattern[i])) {
        states[i + 1] = true;
      }
    }
  }

  private static boolean isWildcard(char c) {
    return c == ANY || c == ANY_BUT_DELIMITER;
  }

  private static boolean sameCharacter(char p, char c, boolean ignoreAsciiCase) {
    return p == c || (ignoreAsciiCase && p >= 'a' && p <= 'z' && p - ('a' - 'A') == c);
  }
}
