/** Markdown tables, PNG charts, the machine description and the results section of docs/benchmarks.md. */
@NullMarked
package dev.infergate.bench.report;

import org.jspecify.annotations.NullMarked;
