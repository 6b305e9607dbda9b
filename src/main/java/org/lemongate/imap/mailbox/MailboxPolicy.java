package org.lemongate.imap.mailbox;

import static org.lemongate.imap.protocol.MailboxNames.DELIMITER;
import static org.lemongate.imap.protocol.MailboxNames.INBOX;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lemongate.imap.protocol.MailboxNames;
import org.lemongate.imap.response.ResponseCode;
import org.lemongate.store.MailboxRecord;

/**
 * The rules of CREATE, DELETE and RENAME (RFC 9051 §6.3.4–6.3.6, CREATE-SPECIAL-USE of RFC 6154
 * §3), checked against the user's mailboxes as {@code MailStore.mailboxes} returned them. Names
 * are internal names, as the command parser hands them over ({@code MailboxNames.fromWire}: INBOX
 * in capitals, also as the first level of a longer name).
 *
 * <p>Each check returns a {@link Verdict}: a refusal to send as {@code tag NO [code] text}, or a
 * plan for the store. The store checks existence again when it writes, so a race with another
 * session surfaces as {@code MailboxExistsException} or {@code NoSuchMailboxException}, which the
 * handler answers with {@code NO [ALREADYEXISTS]} or {@code NO [NONEXISTENT]}.
 *
 * <p><b>Superior names.</b> CREATE and RENAME create the missing levels above the new name as
 * ordinary mailboxes (RFC 9051 §6.3.4 and §6.3.6: the server SHOULD create them): the handler
 * creates each of {@code plan.superiors()} in order, taking {@code MailboxExistsException} as
 * success, before the command's own store call.
 *
 * <p><b>DELETE of a mailbox with mailboxes below it</b> deletes just that mailbox and its
 * messages; the ones below stay (RFC 9051 §6.3.5: MUST NOT remove inferior names). The store
 * needs nothing for this: the name becomes a level that is no mailbox, which LIST reports as
 * {@code \NonExistent} ({@link MailboxLister}). Such a level cannot be deleted or renamed (it does
 * not exist), but CREATE makes it a mailbox again. Subscriptions are never touched (RFC 9051
 * §6.3.6, §6.3.7).
 */
public final class MailboxPolicy {
  /** Longest mailbox name, in UTF-16 units; longer ones get {@code NO [LIMIT]}. */
  public static final int MAX_NAME_LENGTH = 1000;

  /** Most hierarchy levels in one name, which also bounds the superiors one CREATE creates. */
  public static final int MAX_DEPTH = 32;

  /**
   * The special-use mailboxes every user has, name to attribute (RFC 6154 §2), for {@code
   * MailStore.ensureMailboxes}; see {@link #defaultMailboxesToEnsure()}.
   */
  public static final Map<String, String> DEFAULT_MAILBOXES = defaults();

  /**
   * The special uses a mailbox can be given. {@code \All} and {@code \Flagged} describe virtual
   * mailboxes collecting messages from others, which the store does not have.
   */
  private static final List<String> SUPPORTED_USES =
      List.of("\\Archive", "\\Drafts", "\\Junk", "\\Sent", "\\Trash");

  private final Map<String, MailboxRecord> mailboxes = new HashMap<>();

  /**
   * What CREATE does: create the missing {@code superiors}, outermost first, then {@code name}
   * with {@code specialUse} (null for none).
   */
  public record CreatePlan(List<String> superiors, String name, String specialUse) {
    public CreatePlan {
      superiors = List.copyOf(superiors);
    }
  }

  /**
   * What RENAME does: create the missing {@code superiors} of the new name, outermost first, then
   * {@code MailStore.renameMailbox(from, to)}, which also renames the mailboxes below {@code from}
   * (for INBOX: moves its messages to a new mailbox {@code to} and leaves the mailboxes below
   * INBOX where they are).
   */
  public record RenamePlan(List<String> superiors, String from, String to) {
    public RenamePlan {
      superiors = List.copyOf(superiors);
    }
  }

  /** @param mailboxes  the user's mailboxes ({@code MailStore.mailboxes}) */
  public MailboxPolicy(Collection<MailboxRecord> mailboxes) {
    for (MailboxRecord mailbox : mailboxes) {
      this.mailboxes.put(mailbox.name(), mailbox);
    }
  }

  /**
   * The default mailboxes to create at login: those of {@link #DEFAULT_MAILBOXES} whose name is
   * free and whose special use no mailbox has (a user who renamed Sent to "Sent Items" keeps one
   * \Sent mailbox). Pass the result to {@code MailStore.ensureMailboxes}, even when empty: that
   * also makes sure INBOX exists. A deleted default mailbox comes back at the next login.
   */
  public Map<String, String> defaultMailboxesToEnsure() {
    Map<String, String> missing = new LinkedHashMap<>();
    DEFAULT_MAILBOXES.forEach(
        (name, use) -> {
          if (!exists(name) && !useTaken(use)) {
            missing.put(name, use);
          }
        });
    return missing;
  }

  /**
   * CREATE {@code name}, with the special uses of {@code CREATE name (USE (...))} (RFC 6154 §3),
   * empty if none. A trailing delimiter only announces that names will be created below (RFC
   * 9051 §6.3.4), so {@code CREATE foo/} creates "foo". At most one special use per mailbox, one
   * mailbox per special use, and none of {@code \All} and {@code \Flagged}: anything else is
   * {@code NO [USEATTR]}.
   */
  public Verdict<CreatePlan> create(String name, List<String> specialUse) {
    String created = name.endsWith(String.valueOf(DELIMITER))
        ? name.substring(0, name.length() - 1)
        : name;
    Verdict<CreatePlan> unusable = unusableName(created);
    if (unusable != null) {
      return unusable;
    }
    if (created.equals(INBOX)) {
      return Verdict.refuse(ResponseCode.ALREADYEXISTS, "INBOX always exists");
    }
    if (exists(created)) {
      return Verdict.refuse(ResponseCode.ALREADYEXISTS, "Mailbox already exists");
    }
    Set<String> uses = new LinkedHashSet<>();
    for (String attribute : specialUse) {
      String use = supportedUse(attribute);
      if (use == null) {
        return Verdict.refuse(ResponseCode.USEATTR, attribute + " is not supported");
      }
      uses.add(use);
    }
    if (uses.size() > 1) {
      return Verdict.refuse(ResponseCode.USEATTR, "A mailbox can have only one special use");
    }
    String use = uses.isEmpty() ? null : uses.iterator().next();
    if (use != null && useTaken(use)) {
      return Verdict.refuse(ResponseCode.USEATTR, use + " is already used by another mailbox");
    }
    return Verdict.allow(new CreatePlan(missingSuperiors(created), created, use));
  }

  /**
   * DELETE {@code name}: not INBOX (RFC 9051 §6.3.5), and only a mailbox that exists. The plan is
   * the name for {@code MailStore.deleteMailbox}.
   */
  public Verdict<String> delete(String name) {
    if (name.equals(INBOX)) {
      return Verdict.refuse(ResponseCode.CANNOT, "INBOX cannot be deleted");
    }
    if (!exists(name)) {
      return Verdict.refuse(
          ResponseCode.NONEXISTENT,
          hasMailboxesBelow(name)
              ? "No such mailbox, only mailboxes below that name"
              : "No such mailbox");
    }
    return Verdict.allow(name);
  }

  /**
   * RENAME {@code from} to {@code to} (RFC 9051 §6.3.6): {@code from} must exist and {@code to}
   * must not, nor may any name the mailboxes below {@code from} would take; a mailbox cannot move
   * below itself. Renaming INBOX moves its messages and leaves the mailboxes below INBOX alone, so
   * "INBOX/old" is a fine new name for it.
   */
  public Verdict<RenamePlan> rename(String from, String to) {
    if (!exists(from)) {
      return Verdict.refuse(ResponseCode.NONEXISTENT, "No such mailbox");
    }
    Verdict<RenamePlan> unusable = unusableName(to);
    if (unusable != null) {
      return unusable;
    }
    if (to.equals(INBOX) || exists(to)) {
      return Verdict.refuse(ResponseCode.ALREADYEXISTS, "Mailbox already exists");
    }
    if (!from.equals(INBOX)) {
      if (Hierarchy.isBelow(to, from)) {
        return Verdict.refuse(ResponseCode.CANNOT, "A mailbox cannot move below itself");
      }
      for (String below : mailboxes.keySet()) {
        if (!Hierarchy.isBelow(below, from)) {
          continue;
        }
        String moved = to + below.substring(from.length());
        if (exists(moved)) {
          return Verdict.refuse(
              ResponseCode.ALREADYEXISTS, "A mailbox below would take an existing name");
        }
        unusable = unusableName(moved);
        if (unusable != null) {
          return unusable;
        }
      }
    }
    return Verdict.allow(new RenamePlan(missingSuperiors(to), from, to));
  }

  /** {@code NO [CANNOT]} for a name that can never be a mailbox, {@code NO [LIMIT]} if too big. */
  private static <T> Verdict<T> unusableName(String name) {
    String problem = MailboxNames.problem(name);
    if (problem != null) {
      return Verdict.refuse(ResponseCode.CANNOT, problem);
    }
    if (name.length() > MAX_NAME_LENGTH || Hierarchy.depth(name) > MAX_DEPTH) {
      return Verdict.refuse(
          ResponseCode.LIMIT,
          "Mailbox names are limited to " + MAX_NAME_LENGTH + " characters and " + MAX_DEPTH
              + " levels");
    }
    return null;
  }

  /** The supported special use {@code attribute} names, spelled as RFC 6154 does, or null. */
  private static String supportedUse(String attribute) {
    for (String use : SUPPORTED_USES) {
      if (use.equalsIgnoreCase(attribute)) {
        return use;
      }
    }
    return null;
  }

  private boolean useTaken(String use) {
    return mailboxes.values().stream().anyMatch(mailbox -> use.equals(mailbox.specialUse()));
  }

  private List<String> missingSuperiors(String name) {
    List<String> missing = new ArrayList<>();
    for (String superior : Hierarchy.superiors(name)) {
      if (!exists(superior)) {
        missing.add(superior);
      }
    }
    return missing;
  }

  private boolean hasMailboxesBelow(String name) {
    return mailboxes.keySet().stream().anyMatch(other -> Hierarchy.isBelow(other, name));
  }

  private boolean exists(String name) {
    return mailboxes.containsKey(name);
  }

  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("Sent", "\\Sent");
    defaults.put("Drafts", "\\Drafts");
    defaults.put("Trash", "\\Trash");
    defaults.put("Junk", "\\Junk");
    defaults.put("Archive", "\\Archive");
    return Collections.unmodifiableMap(defaults);
  }
}
