/**
 * The dagent benchmark: one command ({@code java -jar bench/target/dagent-bench.jar}) that
 * measures every performance figure beside the physical limit it is compared with, in the same
 * run. Not part of the agent; nothing depends on it.
 */
package io.github.dagent.bench;
