/**
 * Notifications: in-app notices (a bell with a live count), watching of forums and topics,
 * @mentions, and how notices are mailed (immediately in batches, in a digest, or never) with
 * one-click unsubscribe. Notices come from other modules' events after their commit, through the
 * event publication registry, so none is made for a rolled-back change and none is lost in a crash.
 */
@org.springframework.modulith.ApplicationModule
package nl.clanq.notifications;
