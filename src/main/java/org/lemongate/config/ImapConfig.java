package org.lemongate.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The IMAP front end.
 *
 * @param listen                 plain port with STARTTLS (143-style), or null for none
 * @param tlsListen              implicit-TLS port (993-style), or null for none
 * @param certificate            PEM certificate chain for TLS, or null for a self-signed one made at start
 * @param key                    PEM private key of {@code certificate}
 * @param allowCleartext         accept passwords on connections without TLS (loopback tests, demo)
 * @param limits                 what one client may send
 * @param maxSessions            sessions across all users
 * @param maxSessionsPerUser     sessions of one user
 * @param loginTimeout           time a client has to log in after connecting
 * @param idleTimeout            time without a command before the session is closed; at least 30
 *                               minutes, as RFC 9051 §5.4 requires of IDLE
 * @param idleKeepAlive          interval of "* OK" lines sent to an IDLE client, so NAT boxes
 *                               keep the connection open
 * @param badCommandsBeforeLogin invalid commands tolerated before login; then BYE
 * @param badCommandsAfterLogin  invalid commands tolerated after login; then BYE
 */
public record ImapConfig(
    HostPort listen,
    HostPort tlsListen,
    Path certificate,
    Path key,
    boolean allowCleartext,
    ImapLimits limits,
    int maxSessions,
    int maxSessionsPerUser,
    Duration loginTimeout,
    Duration idleTimeout,
    Duration idleKeepAlive,
    int badCommandsBeforeLogin,
    int badCommandsAfterLogin) {
}
