/**
 * Server responses: {@link org.lemongate.imap.response.ResponseWriter} encodes status responses,
 * untagged data and FETCH responses into Vert.x buffers, and is the only place that decides how a
 * string goes on the wire (atom, quoted, literal, NIL).
 */
package org.lemongate.imap.response;
