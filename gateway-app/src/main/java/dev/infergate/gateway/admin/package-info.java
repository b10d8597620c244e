/** The admin API under {@code /admin/api} on the admin port: the live configuration, read and written safely. */
@NullMarked
package dev.infergate.gateway.admin;

import org.jspecify.annotations.NullMarked;
