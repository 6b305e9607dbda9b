package org.lemongate.imap.server;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.lemongate.imap.command.Command;

/**
 * Which commands exist, in which states each is allowed, and whether the session may announce
 * expunges at its end — the RFC's sequencing rules as data rather than code in each handler.
 */
public final class CommandTable {
  /** FETCH, STORE and SEARCH by sequence number must not carry EXPUNGE responses (RFC 9051 §7.5.1). */
  private static final Set<String> NO_EXPUNGE_DURING = Set.of("FETCH", "STORE", "SEARCH");

  public static final Set<SessionState> ANY = EnumSet.of(SessionState.NOT_AUTHENTICATED,
      SessionState.AUTHENTICATED, SessionState.SELECTED);
  public static final Set<SessionState> NOT_AUTHENTICATED = EnumSet.of(SessionState.NOT_AUTHENTICATED);
  public static final Set<SessionState> AUTHENTICATED = EnumSet.of(SessionState.AUTHENTICATED, SessionState.SELECTED);
  public static final Set<SessionState> SELECTED = EnumSet.of(SessionState.SELECTED);
  /** Authenticated with no mailbox selected, as ENABLE requires (RFC 5161 §3.1). */
  public static final Set<SessionState> AUTHENTICATED_ONLY = EnumSet.of(SessionState.AUTHENTICATED);

  /** One command's entry. */
  record Entry(Set<SessionState> states, CommandHandler<Command> handler) {
  }

  private final Map<String, Entry> entries = new HashMap<>();

  /** Registers a command name ("UID FETCH" for the UID form) and the states it is valid in. */
  @SuppressWarnings("unchecked")
  public <C extends Command> CommandTable add(String name, Set<SessionState> states, CommandHandler<C> handler) {
    entries.put(name, new Entry(states, (CommandHandler<Command>) handler));
    return this;
  }

  Entry entry(String name) {
    return entries.get(name);
  }

  static boolean mayAnnounceExpunges(String name) {
    return !NO_EXPUNGE_DURING.contains(name);
  }
}
