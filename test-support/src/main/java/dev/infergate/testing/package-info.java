/** Checks every test JVM of the build runs: Netty buffer leaks fail the test class that leaked. */
@NullMarked
package dev.infergate.testing;

import org.jspecify.annotations.NullMarked;
