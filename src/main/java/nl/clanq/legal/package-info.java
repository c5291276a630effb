/**
 * The terms of use and the privacy statement, and the disclaimer (C15) that is part of both. Today
 * the documents are single placeholder pages; versioning and acceptance come with the moderation
 * and terms work.
 */
@org.springframework.modulith.ApplicationModule
package nl.clanq.legal;
