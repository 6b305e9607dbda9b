package org.lemongate.store;

/** A RocksDB operation failed (disk full, I/O error, ...). */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
