package org.lemongate.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The RocksDB message store and its housekeeping.
 *
 * @param path                  folder of the store; one gateway process per folder
 * @param workerThreads         threads that run blocking store calls, off the event loops
 * @param compactionInterval    how often the compaction verticle looks for work
 * @param expungedBodyGrace     how long the body of an expunged message is kept before it is
 *                              reclaimed, so sessions that have not yet seen the expunge can
 *                              still fetch it
 * @param vanishedRetention     how long expunged UIDs are remembered for QRESYNC (VANISHED)
 */
public record StoreConfig(
    Path path,
    int workerThreads,
    Duration compactionInterval,
    Duration expungedBodyGrace,
    Duration vanishedRetention) {
}
