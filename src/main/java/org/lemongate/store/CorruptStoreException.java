package org.lemongate.store;

/** A record in the store cannot be decoded. */
public final class CorruptStoreException extends RuntimeException {
  public CorruptStoreException(String message) {
    super(message);
  }
}
