/** Runs of the external load tools (wrk, h2load) and the parsing of their reports. */
@NullMarked
package dev.infergate.bench.tools;

import org.jspecify.annotations.NullMarked;
