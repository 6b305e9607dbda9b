package org.lemongate.pop.client;

/** One line of a UIDL listing (RFC 1939 section 7): a message number and its unique-id. */
public record MessageUid(int number, String uid) {
}
