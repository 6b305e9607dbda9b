/**
 * The non-blocking POP3 client the gateway uses to reach back-end servers.
 *
 * <p>{@link org.lemongate.pop.client.Pop3Connector} opens sessions to one back end;
 * {@link org.lemongate.pop.client.Pop3Client} is one session; every failure is a
 * {@link org.lemongate.pop.client.Pop3Exception} with a kind to switch on. Inside,
 * {@code Pop3Connection} matches responses to queued commands and {@code ResponseReader} parses the
 * bytes incrementally, with every line and body bounded by {@link org.lemongate.pop.client.Pop3Limits}.
 */
package org.lemongate.pop.client;
