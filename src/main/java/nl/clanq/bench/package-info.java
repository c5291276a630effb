/**
 * Benchmark support: a generator that fills an empty database with a deterministic community at a
 * chosen scale, for load tests (issue #10). Nothing depends on this module.
 */
@org.springframework.modulith.ApplicationModule
package nl.clanq.bench;
