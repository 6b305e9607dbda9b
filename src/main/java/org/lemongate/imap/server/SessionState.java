package org.lemongate.imap.server;

/** The connection states of RFC 9051 §3. */
public enum SessionState {
  NOT_AUTHENTICATED,
  AUTHENTICATED,
  SELECTED,
  LOGOUT
}
