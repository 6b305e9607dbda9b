package org.lemongate.events;

/**
 * Every event-bus address of the gateway, in one place. Addresses that carry a user name put it
 * last and after a fixed-width part, so no two users can ever share an address (design invariant 5).
 */
public final class Addresses {
  /** Point-to-point: log a user in to the POP3 server (body: {@link PopLogin}). */
  public static final String POP_LOGIN = "lemongate.pop.login";
  /** Point-to-point: sync a user's mailbox now (body: the user name; reply: the outcome). */
  public static final String POP_SYNC = "lemongate.pop.sync";
  /** Point-to-point: a session of a user ended (body: the user name). */
  public static final String SESSION_CLOSED = "lemongate.session.closed";

  private Addresses() {
  }

  /** Published after every commit that changed mailbox {@code mailboxId} (body: {@link MailboxChanged}). */
  public static String mailbox(String user, long mailboxId) {
    return "lemongate.mailbox/" + mailboxId + "/" + user;
  }

  /** Published when a user's set of mailboxes changed: created, deleted, renamed. */
  public static String mailboxList(String user) {
    return "lemongate.mailboxes/" + user;
  }
}
