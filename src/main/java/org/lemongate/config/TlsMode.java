package org.lemongate.config;

/** How a connection to a POP3 back end is protected. */
public enum TlsMode {
  /** TLS from the first byte (POP3S, port 995). */
  IMPLICIT,
  /** Plain connection upgraded with STLS (RFC 2595) before any credential is sent. */
  STARTTLS,
  /** No TLS at all: only for loopback or trusted networks. */
  NONE
}
