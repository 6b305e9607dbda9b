package org.lemongate.config;

/** The whole configuration, immutable once loaded (see {@link ConfigLoader}). */
public record GatewayConfig(StoreConfig store, PopConfig pop, ImapConfig imap) {

  public GatewayConfig withPop(PopConfig newPop) {
    return new GatewayConfig(store, newPop, imap);
  }

  public GatewayConfig withImap(ImapConfig newImap) {
    return new GatewayConfig(store, pop, newImap);
  }
}
