package org.lemongate.config;

/** The whole configuration, immutable once loaded (see {@link ConfigLoader}). */
public record GatewayConfig(StoreConfig store, PopConfig pop) {

  public GatewayConfig withStore(StoreConfig newStore) {
    return new GatewayConfig(newStore, pop);
  }

  public GatewayConfig withPop(PopConfig newPop) {
    return new GatewayConfig(store, newPop);
  }
}
