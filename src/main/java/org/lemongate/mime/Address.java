package org.lemongate.mime;

/**
 * One address of an ENVELOPE address list, as RFC 9051 §7.5.2 / RFC 3501 §7.4.2 define it. All
 * four fields are octet strings taken from the message, RFC 2047 encoded words left as they are;
 * null means NIL.
 *
 * <p>Group syntax (RFC 5322 §3.4) is flattened into the list as two markers: a start with a null
 * host and the group name as mailbox, then the members, then an end with null mailbox and host.
 *
 * @param name the display name (phrase) with quoting removed, or else the address's comment
 * @param route the obsolete source route ({@code @a,@b}), rarely non-null
 * @param mailbox the local part with quoting removed; the group name in a group start marker
 * @param host the domain; null only in group markers
 */
public record Address(String name, String route, String mailbox, String host) {

  /** What the mailbox is when an address has none, as in Dovecot. */
  public static final String MISSING_MAILBOX = "MISSING_MAILBOX";
  /** What the host is when an address has none; it must not be NIL, which means a group. */
  public static final String MISSING_DOMAIN = "MISSING_DOMAIN";

  public static Address groupStart(String groupName) {
    return new Address(null, null, groupName, null);
  }

  public static Address groupEnd() {
    return new Address(null, null, null, null);
  }

  public boolean isGroupStart() {
    return host == null && mailbox != null;
  }

  public boolean isGroupEnd() {
    return host == null && mailbox == null;
  }
}
