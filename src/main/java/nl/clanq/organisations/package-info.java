/**
 * Customer organisations and their memberships of vendor communities: registration and staff
 * approval (C3), licences per membership (C5), seats and invitations (C4), and the owner's
 * governance of the account (G1, G2, G5) including the recorded succession procedure (G3).
 */
@org.springframework.modulith.ApplicationModule
package nl.clanq.organisations;
