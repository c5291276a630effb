/**
 * Full-text search (S9): topics (title above body, accepted answers boosted) and member profiles,
 * with Dutch analysis and an English field, through Hibernate Search with the Lucene backend. The
 * reader's access is a filter inside every query, so counts and pages are right; private messages
 * are never indexed. Writes elsewhere reach the index through the owning modules' events.
 */
@org.springframework.modulith.ApplicationModule
package nl.clanq.search;
