package org.lemongate.imap.protocol;

import java.util.Locale;

/**
 * A message flag: a system flag such as {@code \Seen} (spelled canonically whatever case the
 * client used) or a keyword such as {@code $Forwarded}. Flags compare case-insensitively (RFC 9051
 * §2.3.2).
 */
public record Flag(String name) {
  public static final Flag SEEN = new Flag("\\Seen");
  public static final Flag ANSWERED = new Flag("\\Answered");
  public static final Flag FLAGGED = new Flag("\\Flagged");
  public static final Flag DELETED = new Flag("\\Deleted");
  public static final Flag DRAFT = new Flag("\\Draft");

  /** IMAP4rev1 only; set by the server, never stored by a client (RFC 3501 §2.3.2). */
  public static final Flag RECENT = new Flag("\\Recent");

  /** {@code \*} in PERMANENTFLAGS: clients may create keywords (RFC 9051 §7.1). */
  public static final Flag ANY_KEYWORD = new Flag("\\*");

  /**
   * @throws IllegalArgumentException unless {@code name} is an atom or a backslash and an atom
   */
  public Flag {
    boolean system = name.startsWith("\\");
    String rest = system ? name.substring(1) : name;
    if (!Chars.isAtom(rest) && !name.equals("\\*")) {
      throw new IllegalArgumentException("invalid flag " + name);
    }
    if (system) {
      String known = knownSystemFlag(name);
      name = known == null ? name : known;
    }
  }

  /** The canonical spelling of a system flag RFC 9051 or RFC 3501 defines, else null. */
  private static String knownSystemFlag(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "\\seen" -> "\\Seen";
      case "\\answered" -> "\\Answered";
      case "\\flagged" -> "\\Flagged";
      case "\\deleted" -> "\\Deleted";
      case "\\draft" -> "\\Draft";
      case "\\recent" -> "\\Recent";
      default -> null;
    };
  }

  /** True for flags starting with a backslash. */
  public boolean isSystem() {
    return name.charAt(0) == '\\';
  }

  /** True for a system flag defined by RFC 9051 or RFC 3501 ({@code \Recent}). */
  public boolean isKnownSystemFlag() {
    return knownSystemFlag(name) != null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Flag other && name.equalsIgnoreCase(other.name);
  }

  @Override
  public int hashCode() {
    return name.toLowerCase(Locale.ROOT).hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
