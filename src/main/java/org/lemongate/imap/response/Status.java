package org.lemongate.imap.response;

/** The status of a status response (RFC 9051 §7.1). */
public enum Status {
  OK,
  NO,
  BAD,
  PREAUTH,
  BYE
}
