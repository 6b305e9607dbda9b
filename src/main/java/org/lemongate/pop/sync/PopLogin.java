package org.lemongate.pop.sync;

import org.lemongate.auth.Credentials;

/**
 * A request to log a user in to their POP server (sent to {@link org.lemongate.events.Addresses#POP_LOGIN}).
 * On success the user counts one more open session, which keeps the poll timer running until a
 * matching {@link org.lemongate.events.Addresses#SESSION_CLOSED}. On failure the reply fails with
 * the {@link org.lemongate.pop.client.Pop3Exception.Kind} ordinal as failure code.
 */
public record PopLogin(Credentials credentials) {
}
