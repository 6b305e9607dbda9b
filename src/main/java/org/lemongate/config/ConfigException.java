package org.lemongate.config;

/** A configuration value that cannot be used; the message names the key and the problem. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
