/**
 * Moderation (C10, C13): members flag posts, topics, profiles and messages; staff work one review
 * queue; sanctions (warnings, blocks of members and whole organisations) and private staff notes.
 * Every act is audited (S8). Moderators and administrators share this work, except that only
 * administrators block organisations.
 */
@org.springframework.modulith.ApplicationModule
package nl.clanq.moderation;
