package org.lemongate.imap.mailbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.command.Command.ListMailboxes.ReturnOption;
import org.lemongate.imap.command.Command.ListMailboxes.SelectOption;
import org.lemongate.store.MailboxRecord;

/**
 * Answers LIST (RFC 9051 §6.3.9 with LIST-EXTENDED, RFC 5258; SPECIAL-USE, RFC 6154; LIST-STATUS,
 * RFC 5819) and LSUB (RFC 3501 §6.3.9) from one user's mailboxes and subscriptions.
 *
 * <p>A handler reads {@code MailStore.mailboxes} and {@code MailStore.subscriptions}, builds a
 * lister from them and writes each entry with {@code ResponseWriter.list("LIST" or "LSUB",
 * entry.attributes(), MailboxNames.DELIMITER, entry.name(), entry.childInfo())}. For an entry
 * that {@link ListEntry#needsStatus()}, the {@code * STATUS} line for {@link
 * ListEntry#statusMailbox()} follows its LIST line ({@link StatusCalculator}).
 *
 * <p><b>Names that are not mailboxes.</b> "a/b/c" can exist without "a/b": the store keeps each
 * mailbox by its full name, and DELETE leaves the mailboxes below the deleted one. Such a level
 * has no LIST line of its own unless something below it meets the selection but is not matched by
 * the pattern itself (RFC 5258 §3.3, rule 2B): then it is listed with {@code \NonExistent} (which
 * implies {@code \Noselect}) and {@code \HasChildren}. That is how {@code LIST "" %} shows "a"
 * (RFC 9051 §6.3.9: levels matched by a trailing "%" are returned, {@code \Noselect} if not
 * selectable; example 10 of §6.3.9.8), while {@code LIST "" *} lists only "a/b/c". A basic LIST
 * from an IMAP4rev1 client, which may not know {@code \NonExistent}, gets {@code \Noselect}.
 *
 * <p><b>Attributes.</b> {@code \HasChildren} or {@code \HasNoChildren} always (RFC 9051 §6.3.9.5
 * allows them unasked; "children" are existing mailboxes below), the special use of a mailbox
 * always (RFC 6154 §2 allows it unasked), {@code \Subscribed} when the SUBSCRIBED selection or
 * return option asks for it. {@code \Marked}/{@code \Unmarked} are never sent.
 */
public final class MailboxLister {
  /**
   * The one personal namespace's prefix, with '/' as delimiter and no other users' or shared
   * namespaces: a NAMESPACE handler writes {@code ResponseWriter.namespace(PERSONAL_NAMESPACE)},
   * {@code * NAMESPACE (("" "/")) NIL NIL} (RFC 9051 §6.3.10, RFC 2342). It is also the root that
   * {@code LIST "" ""} reports.
   */
  public static final String PERSONAL_NAMESPACE = "";

  static final String NONEXISTENT = "\\NonExistent";
  static final String NOSELECT = "\\Noselect";
  static final String HAS_CHILDREN = "\\HasChildren";
  static final String HAS_NO_CHILDREN = "\\HasNoChildren";
  static final String SUBSCRIBED = "\\Subscribed";

  /** Every name worth knowing about: mailboxes, subscriptions and the levels above both. */
  private final NavigableMap<String, Name> names = new TreeMap<>(Hierarchy.LISTING_ORDER);

  /**
   * @param mailboxes      the user's mailboxes ({@code MailStore.mailboxes})
   * @param subscriptions  the user's subscribed names ({@code MailStore.subscriptions}), which
   *                       need not exist as mailboxes
   */
  public MailboxLister(Collection<MailboxRecord> mailboxes, Collection<String> subscriptions) {
    for (MailboxRecord mailbox : mailboxes) {
      name(mailbox.name()).mailbox = mailbox;
      for (String superior : Hierarchy.superiors(mailbox.name())) {
        name(superior).hasChildren = true;
      }
    }
    for (String subscription : subscriptions) {
      name(subscription).subscribed = true;
      Hierarchy.superiors(subscription).forEach(this::name);
    }
  }

  /**
   * The LIST answer, in listing order.
   *
   * @param imap4rev2  whether the session enabled IMAP4rev2, where {@code \NonExistent} is a base
   *                   attribute even in a basic LIST
   */
  public List<ListEntry> list(Command.ListMailboxes command, boolean imap4rev2) {
    if (!command.extended() && command.patterns().get(0).isEmpty()) {
      // RFC 9051 §6.3.9: a basic LIST with an empty pattern asks for the delimiter and the root
      // of the reference; names here have no root, so it is always "" (MAY be empty).
      return List.of(new ListEntry(PERSONAL_NAMESPACE, List.of(NOSELECT), List.of(), null));
    }
    Set<SelectOption> select = command.selectOptions();
    boolean bySubscription = select.contains(SelectOption.SUBSCRIBED);
    boolean specialUseOnly = select.contains(SelectOption.SPECIAL_USE);
    boolean recursiveMatch = select.contains(SelectOption.RECURSIVEMATCH);
    Predicate<Name> selection =
        name ->
            (bySubscription ? name.subscribed : name.mailbox != null)
                && (!specialUseOnly || name.specialUse() != null);
    boolean showSubscribed =
        bySubscription || command.returnOptions().contains(ReturnOption.SUBSCRIBED);
    boolean withStatus = command.returnOptions().contains(ReturnOption.STATUS);
    String nonExistent = command.extended() || imap4rev2 ? NONEXISTENT : NOSELECT;
    List<String> childInfo = recursiveMatch ? childInfo(select) : List.of();

    List<ListEntry> entries = new ArrayList<>();
    for (Candidate candidate : candidates(command.reference(), command.patterns(), selection)) {
      Name name = candidate.name();
      // A name outside the selection is still listed when something below it is selected but
      // not matched (RFC 5258 §3.3 rule 2B): with RECURSIVEMATCH, or when it is a level that is
      // no mailbox and the selection is about mailboxes (the "%" rule of the class comment).
      // LIST (SUBSCRIBED) alone lists exactly the subscribed names (RFC 5258 §3.1, example 8A).
      boolean listedForBelow =
          candidate.hiddenBelow() && (recursiveMatch || (!bySubscription && name.mailbox == null));
      if (!candidate.selected() && !listedForBelow) {
        continue;
      }
      entries.add(
          new ListEntry(
              name.name,
              attributes(name, nonExistent, showSubscribed),
              candidate.selectedBelow() ? childInfo : List.of(),
              withStatus && candidate.selected() ? name.mailbox : null));
    }
    return entries;
  }

  /**
   * The LSUB answer (IMAP4rev1), in listing order: the subscribed names the pattern matches, and
   * for a "%" pattern the unsubscribed levels above subscribed names it does not match, flagged
   * {@code \Noselect} (RFC 3501 §6.3.9: "foo/bar" subscribed, "foo" not, {@code LSUB "" %} returns
   * "foo" as {@code \Noselect}). A subscribed name that is no mailbox is {@code \Noselect} too.
   */
  public List<ListEntry> lsub(Command.Lsub command) {
    List<ListEntry> entries = new ArrayList<>();
    for (Candidate candidate :
        candidates(command.reference(), List.of(command.pattern()), name -> name.subscribed)) {
      if (candidate.selected() || candidate.hiddenBelow()) {
        Name name = candidate.name();
        boolean selectable = candidate.selected() && name.mailbox != null;
        entries.add(
            new ListEntry(name.name, selectable ? List.of() : List.of(NOSELECT), List.of(), null));
      }
    }
    return entries;
  }

  /**
   * The names the patterns match, in listing order, with what the selection says about each and
   * about the names below it. A pattern is the reference followed by the mailbox pattern (RFC
   * 9051 §6.3.9: "normally the reference name appended with the mailbox name"); empty patterns
   * match nothing (RFC 5258 §3).
   */
  private List<Candidate> candidates(
      String reference, List<String> mailboxPatterns, Predicate<Name> selection) {
    List<WildcardPattern> patterns = new ArrayList<>();
    for (String pattern : mailboxPatterns) {
      if (!pattern.isEmpty()) {
        patterns.add(new WildcardPattern(reference + pattern));
      }
    }
    Set<String> matched = new HashSet<>();
    Set<String> selectedBelow = new HashSet<>();
    Set<String> hiddenBelow = new HashSet<>();
    for (Name name : names.values()) {
      boolean matches = patterns.stream().anyMatch(pattern -> pattern.matches(name.name));
      if (matches) {
        matched.add(name.name);
      }
      if (selection.test(name)) {
        for (String superior : Hierarchy.superiors(name.name)) {
          selectedBelow.add(superior);
          if (!matches) {
            hiddenBelow.add(superior);
          }
        }
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Name name : names.values()) {
      if (matched.contains(name.name)) {
        candidates.add(
            new Candidate(
                name,
                selection.test(name),
                selectedBelow.contains(name.name),
                hiddenBelow.contains(name.name)));
      }
    }
    return candidates;
  }

  private static List<String> attributes(Name name, String nonExistent, boolean showSubscribed) {
    List<String> attributes = new ArrayList<>(4);
    if (name.mailbox == null) {
      attributes.add(nonExistent);
    }
    attributes.add(name.hasChildren ? HAS_CHILDREN : HAS_NO_CHILDREN);
    if (showSubscribed && name.subscribed) {
      attributes.add(SUBSCRIBED);
    }
    if (name.specialUse() != null) {
      attributes.add(name.specialUse());
    }
    return attributes;
  }

  /**
   * CHILDINFO names the selection options that made a name worth listing (RFC 5258 §3.5, always
   * quoted); RECURSIVEMATCH itself and REMOTE (no remote mailboxes here) are not among them.
   */
  private static List<String> childInfo(Set<SelectOption> select) {
    List<String> criteria = new ArrayList<>(2);
    if (select.contains(SelectOption.SUBSCRIBED)) {
      criteria.add("SUBSCRIBED");
    }
    if (select.contains(SelectOption.SPECIAL_USE)) {
      criteria.add("SPECIAL-USE");
    }
    return criteria;
  }

  private Name name(String name) {
    return names.computeIfAbsent(name, Name::new);
  }

  /** A name and what the user has under it. */
  private static final class Name {
    final String name;
    /** The mailbox of this name, or null if there is none. */
    MailboxRecord mailbox;
    boolean subscribed;
    /** Whether some mailbox exists below this name. */
    boolean hasChildren;

    Name(String name) {
      this.name = name;
    }

    String specialUse() {
      return mailbox == null ? null : mailbox.specialUse();
    }
  }

  /**
   * A name some pattern matches.
   *
   * @param selected       it meets the selection criteria
   * @param selectedBelow  some name below it meets them
   * @param hiddenBelow    some name below it meets them but no pattern matches that name
   */
  private record Candidate(
      Name name, boolean selected, boolean selectedBelow, boolean hiddenBelow) {}
}
