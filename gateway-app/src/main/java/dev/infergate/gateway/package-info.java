/** The Infergate application: wiring of the data plane and the control plane. */
@NullMarked
package dev.infergate.gateway;

import org.jspecify.annotations.NullMarked;
