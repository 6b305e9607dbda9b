package org.lemongate.pop.client;

/** A message of the maildrop as LIST and UIDL describe it together, in this session's numbering. */
public record MessageInfo(int number, long octets, String uid) {
}
