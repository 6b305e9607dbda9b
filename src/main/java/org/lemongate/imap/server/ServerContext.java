package org.lemongate.imap.server;

import io.vertx.core.Vertx;
import org.lemongate.config.ImapConfig;
import org.lemongate.store.MailStore;

/** What every session of one gateway shares: configuration, the store, the command table, the counts. */
public record ServerContext(Vertx vertx, ImapConfig config, MailStore store, CommandTable commands,
    SessionRegistry registry) {
}
