package org.lemongate.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The POP3 side: which server each user's domain goes to, and how often it is polled.
 *
 * @param pollInterval       time between two syncs of a user while the user has sessions open
 * @param minPollInterval    floor under any poll interval, to spare the POP servers
 * @param loginCacheTtl      how long after POP last accepted a password it is remembered in memory
 *                           once the user's sessions have ended (0 = never, and no login is accepted
 *                           without POP), so a client that reconnects often does not log in to POP
 *                           every time
 * @param downloadMemoryBytes bytes of downloaded messages not yet stored that all syncs together
 *                           may hold (each may still hold one message, whatever its size)
 * @param defaultBackend     the server for users whose domain has no entry
 * @param domains            servers by the domain part of the user name (lower case)
 */
public record PopConfig(
    Duration pollInterval,
    Duration minPollInterval,
    Duration loginCacheTtl,
    long downloadMemoryBytes,
    BackendConfig defaultBackend,
    Map<String, BackendConfig> domains) {

  /** The back end of a user: by the part after the last '@', else the default. */
  public BackendConfig backendFor(String user) {
    int at = user.lastIndexOf('@');
    if (at >= 0) {
      BackendConfig byDomain = domains.get(user.substring(at + 1).toLowerCase(Locale.ROOT));
      if (byDomain != null) {
        return byDomain;
      }
    }
    return defaultBackend;
  }
}
