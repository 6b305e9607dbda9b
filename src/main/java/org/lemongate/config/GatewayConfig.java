package org.lemongate.config;

/** The whole configuration, immutable once loaded (see {@link ConfigLoader}). */
public record GatewayConfig(StoreConfig store, PopConfig pop, ImapConfig imap) {
}
