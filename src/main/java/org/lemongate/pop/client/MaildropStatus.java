package org.lemongate.pop.client;

/** The answer to STAT (RFC 1939 section 5): messages not marked deleted, and their total size. */
public record MaildropStatus(int messages, long octets) {
}
