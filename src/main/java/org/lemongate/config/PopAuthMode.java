package org.lemongate.config;

/** Which POP3 login command the gateway uses to pass a user's credentials through. */
public enum PopAuthMode {
  /** AUTH PLAIN (RFC 5034) when the server offers SASL PLAIN, USER/PASS otherwise. */
  AUTO,
  /** USER and PASS (RFC 1939). */
  USER,
  /** APOP with the timestamp from the greeting (RFC 1939 section 7). */
  APOP,
  /** AUTH PLAIN (RFC 5034). */
  PLAIN
}
