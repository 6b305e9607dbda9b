package org.lemongate.pop.sync;

/**
 * One message of a POP maildrop as one POP session listed it.
 *
 * @param number     its message number in this session only (RFC 1939)
 * @param uidl       its unique id: the server's UIDL, or a digest of its headers when the server
 *                   has no UIDL
 * @param size       its size as LIST gave it
 * @param ambiguous  true when the id is a header digest shared with another message: such a
 *                   message is mirrored but never DELEd, since we cannot tell which one is meant
 */
public record Listing(int number, String uidl, long size, boolean ambiguous) {
}
