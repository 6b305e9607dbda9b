package org.lemongate.imap.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.lemongate.config.ImapConfig;

/**
 * What all IMAP sessions share, across event loops: the session counts that the limits apply to,
 * and the failed-login record per client address that slows down password guessing.
 */
public final class SessionRegistry {
  /** First delay after a failed login; it doubles with each further failure. */
  private static final long BASE_DELAY_MILLIS = 250;
  private static final long MAX_DELAY_MILLIS = 15_000;
  /** Failures older than this are forgotten. */
  private static final long FAILURE_MEMORY_MILLIS = 60_000;

  private final ImapConfig config;
  private final AtomicInteger sessions = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> sessionsPerUser = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Failures> failuresByAddress = new ConcurrentHashMap<>();

  private record Failures(int count, long lastMillis) {
  }

  public SessionRegistry(ImapConfig config) {
    this.config = config;
  }

  /** Counts a new connection; false (and nothing counted) when the server is full. */
  boolean openConnection() {
    if (sessions.incrementAndGet() > config.maxSessions()) {
      sessions.decrementAndGet();
      return false;
    }
    return true;
  }

  void closeConnection() {
    sessions.decrementAndGet();
  }

  /** Counts a session of the user; false (and nothing counted) when the user has too many. */
  boolean addUserSession(String user) {
    AtomicInteger count = sessionsPerUser.computeIfAbsent(user, u -> new AtomicInteger());
    if (count.incrementAndGet() > config.maxSessionsPerUser()) {
      count.decrementAndGet();
      return false;
    }
    return true;
  }

  void removeUserSession(String user) {
    sessionsPerUser.computeIfPresent(user, (u, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  /**
   * Records a failed login from an address and returns how long to wait before answering it:
   * 250 ms, doubling per recent failure, at most 15 s. The answer to an unknown user and to a wrong
   * password is the same, and so is its delay.
   */
  long failedLoginDelay(String address) {
    long now = System.currentTimeMillis();
    Failures failures = failuresByAddress.compute(address, (a, previous) ->
        previous == null || now - previous.lastMillis() > FAILURE_MEMORY_MILLIS
            ? new Failures(1, now)
            : new Failures(previous.count() + 1, now));
    return Math.min(MAX_DELAY_MILLIS, BASE_DELAY_MILLIS << Math.min(16, failures.count() - 1));
  }

  /** Forgets failures of an address that logged in successfully, and stale ones of others. */
  void loginSucceeded(String address) {
    failuresByAddress.remove(address);
    long now = System.currentTimeMillis();
    failuresByAddress.values().removeIf(f -> now - f.lastMillis() > FAILURE_MEMORY_MILLIS);
  }
}
