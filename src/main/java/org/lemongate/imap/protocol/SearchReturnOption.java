package org.lemongate.imap.protocol;

/**
 * SEARCH RETURN options (RFC 4731, part of RFC 9051 §6.4.4; SAVE from RFC 5182). Asking for any
 * makes the answer an ESEARCH response; {@code RETURN ()} means ALL.
 */
public enum SearchReturnOption {
  MIN,
  MAX,
  ALL,
  COUNT,
  SAVE
}
