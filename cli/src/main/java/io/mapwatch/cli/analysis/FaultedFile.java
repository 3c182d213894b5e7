package io.mapwatch.cli.analysis;

/**
 * A file that page-fault stalls or exact major faults were tied to.
 *
 * @param tracked whether the agent saw it mapped (else a file mapping made without FileChannel.map)
 * @param stalls  the stalls tied to it (-1 where not measured)
 * @param tie     how they were tied, which also says where its stacks and ranges come from
 */
public record FaultedFile(String path, boolean tracked, StallFigures stalls, Stalls.Tie tie) {
}
