/**
 * People who sign in: their credentials (Argon2id password hashes, the password policy, reset
 * links and emailed codes), their profile, login with throttling, and their sessions. It knows
 * nothing about organisations; the organisations module builds on it.
 */
@org.springframework.modulith.ApplicationModule
package nl.clanq.accounts;
