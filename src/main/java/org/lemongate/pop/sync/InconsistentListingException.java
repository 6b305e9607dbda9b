package org.lemongate.pop.sync;

/** The server's listing does not add up; the sync changes nothing and DELEs nothing. */
public final class InconsistentListingException extends RuntimeException {
  public InconsistentListingException(String reason) {
    super("inconsistent maildrop listing: " + reason);
  }
}
