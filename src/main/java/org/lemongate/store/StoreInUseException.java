package org.lemongate.store;

/** Another process already has the store folder open (RocksDB holds a lock on it). */
public final class StoreInUseException extends RuntimeException {
  public StoreInUseException(String message, Throwable cause) {
    super(message, cause);
  }
}
