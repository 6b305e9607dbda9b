package org.lemongate.store;

/** The mailbox named in a request does not exist (any more). */
public final class NoSuchMailboxException extends RuntimeException {
  public NoSuchMailboxException(String message) {
    super(message);
  }
}
