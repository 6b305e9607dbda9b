package org.lemongate.store;

/** A mailbox of that name already exists. */
public final class MailboxExistsException extends RuntimeException {
  public MailboxExistsException(String message) {
    super(message);
  }
}
