/**
 * The forums: one per vendor module plus an optional general forum per vendor (C2), readable by
 * the members whose organisation holds the licence (C5, S9), with questions, replies, accepted
 * answers (C7), revisions and reading state, and the staff acts on topics: pin, close, move and
 * merge (C13). Everything a member may not read answers 404.
 */
@org.springframework.modulith.ApplicationModule
package nl.clanq.forums;
