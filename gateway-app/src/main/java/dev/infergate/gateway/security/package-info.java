/** Who may use the admin port: users, roles, sessions, CSRF and origin checks, the audit trail of writes. */
@NullMarked
package dev.infergate.gateway.security;

import org.jspecify.annotations.NullMarked;
