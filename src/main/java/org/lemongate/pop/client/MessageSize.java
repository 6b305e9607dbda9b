package org.lemongate.pop.client;

/** One line of a LIST scan listing (RFC 1939 section 5): a message number and its size in octets. */
public record MessageSize(int number, long octets) {
}
